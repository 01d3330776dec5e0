package dev.slipway.migrate.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Slipway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * {@link SlipwayHealthIndicator} when the database cannot be reached; what it reports about a reachable one is in
 * {@link SlipwayActuatorDatabaseTests}.
 */
class SlipwayHealthIndicatorTests {

    @Test
    void isDownWithTheErrorWhenTheDatabaseCannotBeReached() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");

        Health health = new SlipwayHealthIndicator(Slipway.builder(nowhere).build(), null).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error")).asString().contains("Could not read the migration status");
    }
}
