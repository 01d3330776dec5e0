package dev.slipway.sample;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Releases v2 and v3: every new post gets its slug ({@link Slugs}) in the same {@code INSERT}. The slug ends with
 * the post's id, so the id is taken from the identity's sequence first and inserted explicitly
 * ({@code OVERRIDING SYSTEM VALUE}); the posts that v1 instances write meanwhile, and those written before v2, get
 * their slug from the {@code posts_slug} backfill ({@link PostBackfills}).
 */
@Repository
@Profile("v2 | v3")
class SlugPostStore extends JdbcPostStore {

    SlugPostStore(JdbcClient jdbc) {
        super(jdbc, "slug");
    }

    @Override
    public Post create(long userId, String title, String body) {
        long id = jdbc().sql("SELECT nextval(pg_get_serial_sequence('posts', 'id'))")
                .query(Long.class)
                .single();
        return jdbc().sql("""
                        INSERT INTO posts (id, user_id, title, body, slug) OVERRIDING SYSTEM VALUE
                        VALUES (:id, :userId, :title, :body, :slug) RETURNING\s""" + columns())
                .param("id", id)
                .param("userId", userId)
                .param("title", title)
                .param("body", body)
                .param("slug", Slugs.of(title, id))
                .query(mapper())
                .single();
    }
}
