package dev.slipway.sample;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reads of every {@link PostStore}; a release says how it reads the slug and how it inserts a post. */
abstract class JdbcPostStore implements PostStore {

    private static final RowMapper<Post> POST = (rs, row) -> new Post(
            rs.getLong("id"),
            rs.getLong("user_id"),
            rs.getString("title"),
            rs.getString("body"),
            rs.getString("slug"),
            rs.getObject("created_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    private final String columns;

    /**
     * @param jdbc the client
     * @param slugExpression the SQL expression the slug is read from
     */
    JdbcPostStore(JdbcClient jdbc, String slugExpression) {
        this.jdbc = jdbc;
        this.columns = "id, user_id, title, body, " + slugExpression + " AS slug, created_at";
    }

    /** The column list of every query, for {@code RETURNING}. */
    final String columns() {
        return columns;
    }

    /** The client, for the inserts of subclasses. */
    final JdbcClient jdbc() {
        return jdbc;
    }

    /** Maps a row of {@link #columns()}. */
    static RowMapper<Post> mapper() {
        return POST;
    }

    @Override
    public List<Post> findByUser(long userId) {
        return jdbc.sql("SELECT " + columns + " FROM posts WHERE user_id = :userId ORDER BY created_at DESC, id DESC")
                .param("userId", userId)
                .query(POST)
                .list();
    }

    @Override
    public Optional<Post> findById(long id) {
        return jdbc.sql("SELECT " + columns + " FROM posts WHERE id = :id")
                .param("id", id)
                .query(POST)
                .optional();
    }

    @Override
    public List<Post> findLatest(int limit) {
        return jdbc.sql("SELECT " + columns + " FROM posts ORDER BY id DESC LIMIT :limit")
                .param("limit", limit)
                .query(POST)
                .list();
    }
}
