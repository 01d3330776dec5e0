package dev.slipway.sample;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code posts}. */
@Repository
public class PostRepository {

    private static final RowMapper<Post> POST = (rs, row) -> new Post(rs.getLong("id"), rs.getLong("user_id"),
            rs.getString("title"), rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    public PostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The posts of one user, newest first (served by {@code posts_user_id_created_at_idx}). */
    public List<Post> findByUser(long userId) {
        return jdbc.sql("""
                SELECT id, user_id, title, body, created_at FROM posts
                WHERE user_id = :userId ORDER BY created_at DESC, id DESC""")
                .param("userId", userId)
                .query(POST)
                .list();
    }

    /** The post with the given id, if any. */
    public Optional<Post> findById(long id) {
        return jdbc.sql("SELECT id, user_id, title, body, created_at FROM posts WHERE id = :id")
                .param("id", id)
                .query(POST)
                .optional();
    }

    /** The newest posts of all users. */
    public List<Post> findLatest(int limit) {
        return jdbc.sql("SELECT id, user_id, title, body, created_at FROM posts ORDER BY id DESC LIMIT :limit")
                .param("limit", limit)
                .query(POST)
                .list();
    }

    /** Creates a post by the given user, who must exist. */
    public Post create(long userId, String title, String body) {
        return jdbc.sql("""
                INSERT INTO posts (user_id, title, body) VALUES (:userId, :title, :body)
                RETURNING id, user_id, title, body, created_at""")
                .param("userId", userId)
                .param("title", title)
                .param("body", body)
                .query(POST)
                .single();
    }
}
