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
            rs.getString("name"), rs.getObject("created_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every user, oldest first. */
    public List<User> findAll() {
        return jdbc.sql("SELECT id, email, name, created_at FROM users ORDER BY id").query(USER).list();
    }

    /** The user with the given id, if any. */
    public Optional<User> findById(long id) {
        return jdbc.sql("SELECT id, email, name, created_at FROM users WHERE id = :id")
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
     * Creates a user.
     * @throws org.springframework.dao.DuplicateKeyException when the e-mail address is taken
     */
    public User create(String email, String name) {
        return jdbc.sql("INSERT INTO users (email, name) VALUES (:email, :name) RETURNING id, email, name, created_at")
                .param("email", email)
                .param("name", name)
                .query(USER)
                .single();
    }
}
