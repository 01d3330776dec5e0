package dev.slipway.sample;

import java.time.OffsetDateTime;

/**
 * A user, as the REST API shows it in every release.
 *
 * @param id the generated id
 * @param email the unique e-mail address
 * @param name the display name, read from where the running release keeps it: {@code users.name} in v1,
 *     {@code coalesce(display_name, name)} in v2, {@code users.display_name} in v3. The JSON field keeps its name
 *     in every release, so clients do not change.
 * @param emailDomain the domain of the e-mail address, lower case; null until the {@code users_email_domain}
 *     backfill has reached a user created before the column existed
 * @param createdAt when the user was created
 */
public record User(long id, String email, String name, String emailDomain, OffsetDateTime createdAt) {}
