package dev.slipway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.lint.SlipwayLint;
import org.junit.jupiter.api.Test;

/**
 * Lints the sample's migrations without a database, so that an unsafe migration (an index built without
 * CONCURRENTLY, a column type change that rewrites a table, a drop in an expand migration) fails the build in CI
 * instead of locking production at the next deploy. Copy this test into your own application.
 */
class MigrationSafetyTest {

    @Test
    void migrationsAreSafeToApplyWhileTheAppServesTraffic() {
        SlipwayLint.assertSafe("classpath:db/migrations");
    }

    @Test
    void migrationsHaveNoWarningsEither() {
        assertThat(SlipwayLint.lint("classpath:db/migrations").findings()).isEmpty();
    }
}
