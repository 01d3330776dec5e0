package dev.slipway.sample;

import java.time.OffsetDateTime;

/**
 * A post written by a user, as stored in {@code posts}.
 *
 * @param id the generated id
 * @param userId the author
 * @param title the title
 * @param body the text
 * @param slug its unique URL slug, e.g. {@code notes-on-the-analytical-engine-42} (see {@link Slugs}); null in
 *     release v1, which has no slugs, and, from v2 on, for a post written before v2 until the {@code posts_slug}
 *     backfill reaches it
 * @param createdAt when the post was written
 */
public record Post(long id, long userId, String title, String body, String slug, OffsetDateTime createdAt) {}
