package dev.slipway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.lint.SlipwayLint;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lints the sample's migrations without a database, so that an unsafe migration (an index built without
 * CONCURRENTLY, a column type change that rewrites a table, a drop in an expand migration) fails the build in CI
 * instead of locking production at the next deploy. Each release is linted with the locations it runs with
 * ({@code application-v1.yml} ...), so that v3's contract migration is judged against the columns and checks that
 * v1's and v2's migrations created. Copy this test into your own application.
 */
class MigrationSafetyTest {

    @ParameterizedTest(name = "release {0}")
    @ValueSource(strings = {"v1", "v2", "v3"})
    void migrationsAreSafeToApplyWhileTheAppServesTraffic(String release) {
        SlipwayLint.assertSafe(locations(release).toArray(String[]::new));
    }

    @ParameterizedTest(name = "release {0}")
    @ValueSource(strings = {"v1", "v2", "v3"})
    void migrationsHaveNoWarningsEither(String release) {
        assertThat(SlipwayLint.lint(locations(release).toArray(String[]::new)).findings())
                .isEmpty();
    }

    /** The {@code slipway.locations} of a release: its own migrations and those of every earlier release. */
    static List<String> locations(String release) {
        return switch (release) {
            case "v1" -> List.of("classpath:db/migrations/v1");
            case "v2" -> List.of("classpath:db/migrations/v1", "classpath:db/migrations/v2");
            case "v3" ->
                List.of("classpath:db/migrations/v1", "classpath:db/migrations/v2", "classpath:db/migrations/v3");
            default -> throw new IllegalArgumentException("No release " + release);
        };
    }
}
