package dev.slipway.migrate.autoconfigure.actuate;

import java.util.Objects;

import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.ValidationProblem;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code slipway} health contributor: {@code DOWN} when a migration failed or validation fails (a modified
 * or missing migration), {@code UP} otherwise. Details: the overall {@link SlipwayState state}, the counts of
 * applied, pending and awaiting migrations, and, when down, the problems' messages. A database that cannot be
 * read makes it {@code DOWN} with the error.
 *
 * <p>Each check reads the migration files and the history table ({@link Slipway#status()}); validation runs only
 * when the status shows a failed, modified or missing migration.
 */
public class SlipwayHealthIndicator extends AbstractHealthIndicator {

    private final Slipway slipway;

    /**
     * Creates the indicator.
     * @param slipway the Slipway whose migrations it checks
     */
    public SlipwayHealthIndicator(Slipway slipway) {
        super("Slipway health check failed");
        this.slipway = Objects.requireNonNull(slipway, "'slipway' must not be null");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SlipwaySnapshot snapshot = SlipwaySnapshot.of(this.slipway);
        boolean down = snapshot.state() == SlipwayState.FAILED || snapshot.state() == SlipwayState.INVALID;
        (down ? builder.down() : builder.up())
                .withDetail("state", snapshot.state())
                .withDetail("applied", snapshot.count(MigrationState.APPLIED))
                .withDetail("pending", (long) snapshot.status().pending().size())
                .withDetail("awaiting", snapshot.count(MigrationState.AWAITING));
        if (down) {
            builder.withDetail("failed", snapshot.count(MigrationState.FAILED))
                    .withDetail("problems", snapshot.problems().stream().map(ValidationProblem::message).toList());
        }
    }
}
