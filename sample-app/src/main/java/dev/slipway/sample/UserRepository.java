package dev.slipway.sample;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code users}. */
@Repository
public class UserRepository {

    private static final RowMapper<User> USER = (rs, row) -> new User(rs.getLong("id"), rs.getString("email"),
            rs.getString("name"), rs.getString("email_domain"), rs.getObject("created_at", OffsetDateTime.class));

    private static final String COLUMNS = "id, email, name, email_domain, created_at";

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every user, oldest first. */
    public List<User> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY id").query(USER).list();
    }

    /** The user with the given id, if any. */
    public Optional<User> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .param("id", id)
                .query(USER)
                .optional();
    }

    /** Whether a user with the given id exists. */
    public boolean exists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /**
     * Creates a user, with the domain of the e-mail address computed as the {@code users_email_domain} backfill
     * does ({@link UserBackfills}).
     * @throws org.springframework.dao.DuplicateKeyException when the e-mail address is taken
     */
    public User create(String email, String name) {
        return jdbc.sql("INSERT INTO users (email, name, email_domain)"
                        + " VALUES (:email, :name, lower(split_part(:email, '@', 2))) RETURNING " + COLUMNS)
                .param("email", email)
                .param("name", name)
                .query(USER)
                .single();
    }
}
