package dev.slipway.sample;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Release v1: posts have no slug (the column does not exist yet); the JSON shows {@code "slug": null}. */
@Repository
@Profile("v1")
class V1PostStore extends JdbcPostStore {

    V1PostStore(JdbcClient jdbc) {
        super(jdbc, "NULL::text");
    }

    @Override
    public Post create(long userId, String title, String body) {
        return jdbc().sql("INSERT INTO posts (user_id, title, body) VALUES (:userId, :title, :body) RETURNING "
                        + columns())
                .param("userId", userId)
                .param("title", title)
                .param("body", body)
                .query(mapper())
                .single();
    }
}
