package dev.slipway.sample;

import dev.slipway.migrate.backfill.Backfill;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The backfills of {@code users}. Each {@link Backfill} bean runs in the background once the app is ready, in short
 * batches along the primary key, and its progress is kept in {@code slipway_backfills}: a restart goes on where it
 * stopped, and with several instances one runs it while the others wait. Watch it at {@code /actuator/slipway}.
 */
@Configuration(proxyBeanMethods = false)
public class UserBackfills {

    /** The version of the migration that adds {@code users.email_domain} (release v1). */
    static final String ADD_EMAIL_DOMAIN = "20250108090000";

    /** The version of the migration that adds {@code users.display_name} (release v2). */
    static final String ADD_DISPLAY_NAME = "20250201090000";

    /** The version of the migration that keeps {@code display_name} in step with what v1 writes (release v2). */
    static final String SYNC_DISPLAY_NAME = "20250201090100";

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

    /**
     * Copies {@code users.name} into {@code display_name} for the users that existed before release v2. It runs
     * from v2 on, beside the v1 instances that are still up: what they write afterwards is copied by the sync
     * trigger, so once this backfill is COMPLETED every user has a {@code display_name}. The v3 contract migration
     * waits for it ({@code -- slipway:requires-backfill users_display_name}).
     * @param requires the migrations it waits for: by default the v2 migrations that add the column and its sync
     *     trigger; {@code sample.backfills.users-display-name.requires} names others when the migrations were
     *     written another way (as {@code slipway dev} writes them, under versions of its own)
     * @return the backfill
     */
    @Bean
    @Profile("v2 | v3")
    Backfill usersDisplayName(
            @Value("${sample.backfills.users-display-name.requires:" + ADD_DISPLAY_NAME + "," + SYNC_DISPLAY_NAME + "}")
                    String[] requires) {
        return Backfill.named("users_display_name")
                .table("users")
                .set("display_name = name")
                .where("display_name IS NULL")
                .requires(requires)
                .build();
    }
}
