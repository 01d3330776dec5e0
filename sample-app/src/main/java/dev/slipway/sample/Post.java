package dev.slipway.sample;

import java.time.OffsetDateTime;

/**
 * A post written by a user, as stored in {@code posts}.
 *
 * @param id the generated id
 * @param userId the author
 * @param title the title
 * @param body the text
 * @param createdAt when the post was written
 */
public record Post(long id, long userId, String title, String body, OffsetDateTime createdAt) {
}
