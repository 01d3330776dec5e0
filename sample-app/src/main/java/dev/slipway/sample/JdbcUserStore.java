package dev.slipway.sample;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of every {@link UserStore}: a release only says where it reads the name from and which columns it writes
 * the name to.
 */
abstract class JdbcUserStore implements UserStore {

    private static final RowMapper<User> USER = (rs, row) -> new User(
            rs.getLong("id"),
            rs.getString("email"),
            rs.getString("name"),
            rs.getString("email_domain"),
            rs.getObject("created_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    private final String columns;

    private final String insert;

    private final String update;

    /**
     * @param jdbc the client
     * @param nameExpression the SQL expression the name is read from, e.g. {@code display_name}
     * @param nameColumns the columns the name is written to
     */
    JdbcUserStore(JdbcClient jdbc, String nameExpression, List<String> nameColumns) {
        this.jdbc = jdbc;
        this.columns = "id, email, " + nameExpression + " AS name, email_domain, created_at";
        this.insert = "INSERT INTO users (email, " + String.join(", ", nameColumns) + ", email_domain) VALUES (:email, "
                + nameColumns.stream().map(c -> ":name").collect(Collectors.joining(", "))
                + ", lower(split_part(:email, '@', 2))) RETURNING " + this.columns;
        this.update = "UPDATE users SET "
                + nameColumns.stream().map(c -> c + " = :name").collect(Collectors.joining(", "))
                + " WHERE id = :id RETURNING " + this.columns;
    }

    @Override
    public List<User> findAll() {
        return jdbc.sql("SELECT " + columns + " FROM users ORDER BY id")
                .query(USER)
                .list();
    }

    @Override
    public Optional<User> findById(long id) {
        return jdbc.sql("SELECT " + columns + " FROM users WHERE id = :id")
                .param("id", id)
                .query(USER)
                .optional();
    }

    @Override
    public boolean exists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    @Override
    public User create(String email, String name) {
        return jdbc.sql(insert)
                .param("email", email)
                .param("name", name)
                .query(USER)
                .single();
    }

    @Override
    public Optional<User> rename(long id, String name) {
        return jdbc.sql(update).param("id", id).param("name", name).query(USER).optional();
    }
}
