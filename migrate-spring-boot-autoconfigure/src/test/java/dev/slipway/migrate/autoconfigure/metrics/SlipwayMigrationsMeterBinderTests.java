package dev.slipway.migrate.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.Slipway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link SlipwayMigrationsMeterBinder} when the database cannot be reached; the counts of a reachable one and
 * their caching are in {@link SlipwayMetricsDatabaseTests}.
 */
class SlipwayMigrationsMeterBinderTests {

    @Test
    void registersOneGaugePerStateThatIsNotANumberWhileTheStatusCannotBeRead() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        new SlipwayMigrationsMeterBinder(Slipway.builder(nowhere).build(), null, Duration.ofSeconds(10))
                .bindTo(registry);

        assertThat(registry.get("slipway.migrations").gauges()).hasSize(MigrationState.values().length);
        assertThat(registry.get("slipway.migrations")
                        .tag("state", "APPLIED")
                        .gauge()
                        .value())
                .isNaN();
    }
}
