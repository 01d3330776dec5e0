package dev.slipway.sample;

import dev.slipway.migrate.backfill.Backfill;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The backfills of {@code posts}. */
@Configuration(proxyBeanMethods = false)
public class PostBackfills {

    /** The version of the migration that adds {@code posts.slug} (release v2). */
    static final String ADD_SLUG = "20250201090200";

    /**
     * Gives every post without a slug its slug, computed in Java by {@link Slugs}, the code v2 and v3 use for new
     * posts (a Java backfill: each batch reads {@code id} and {@code title} and writes {@code slug}).
     *
     * <p>It runs from release v3 on, not v2: v1 instances, which run beside v2, insert posts without a slug, and
     * nothing in the database fills one in for them (unlike {@code display_name}, which the sync trigger copies).
     * A backfill that completed while they still ran would leave their later posts without a slug. By the time v3
     * starts, the last v1 instance has stopped, and v2 and v3 write the slug of every new post themselves.
     * @param requires the migrations it waits for: by default the v2 migration that adds the column;
     *     {@code sample.backfills.posts-slug.requires} names others when the migrations were written another way
     *     (as {@code slipway dev} writes them, under versions of its own)
     * @return the backfill
     */
    @Bean
    @Profile("v3")
    Backfill postsSlug(@Value("${sample.backfills.posts-slug.requires:" + ADD_SLUG + "}") String[] requires) {
        return Backfill.named("posts_slug")
                .table("posts")
                .select("title")
                .where("slug IS NULL")
                .process(row -> row.set("slug", Slugs.of(row.getString("title"), ((Number) row.get("id")).longValue())))
                .requires(requires)
                .build();
    }
}
