package dev.slipway.sample;

import java.time.OffsetDateTime;

/**
 * A user, as stored in {@code users}.
 *
 * @param id the generated id
 * @param email the unique e-mail address
 * @param name the display name
 * @param createdAt when the user was created
 */
public record User(long id, String email, String name, OffsetDateTime createdAt) {
}
