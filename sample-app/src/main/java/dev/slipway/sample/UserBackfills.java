package dev.slipway.sample;

import dev.slipway.migrate.backfill.Backfill;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The backfills of {@code users}. Each {@link Backfill} bean runs in the background once the app is ready, in short
 * batches along the primary key, and its progress is kept in {@code slipway_backfills}: a restart goes on where it
 * stopped, and with several instances one runs it while the others wait. Watch it at {@code /actuator/slipway}.
 */
@Configuration(proxyBeanMethods = false)
public class UserBackfills {

    /** The version of the migration that adds {@code users.email_domain}. */
    static final String ADD_EMAIL_DOMAIN = "20250108090000";

    /**
     * Fills {@code users.email_domain} for the users created before it existed (or by an instance of the previous
     * version, which does not write it), e.g. {@code example.com} for {@code ada@example.com}.
     * @return the backfill
     */
    @Bean
    Backfill usersEmailDomain() {
        return Backfill.named("users_email_domain")
                .table("users")
                .set("email_domain = lower(split_part(email, '@', 2))")
                .where("email_domain IS NULL")
                .requires(ADD_EMAIL_DOMAIN)
                .build();
    }
}
