package dev.slipway.sample;

import java.time.OffsetDateTime;

/**
 * A user, as stored in {@code users}.
 *
 * @param id the generated id
 * @param email the unique e-mail address
 * @param name the display name
 * @param emailDomain the domain of the e-mail address, lower case; null until the {@code users_email_domain}
 *     backfill has reached a user created before the column existed
 * @param createdAt when the user was created
 */
public record User(long id, String email, String name, String emailDomain, OffsetDateTime createdAt) {
}
