package dev.slipway.maven;

import dev.slipway.migrate.ContractResult;
import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.MigrateResult;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.SlipwayListener;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Applies the pending expand migrations, as the application does at startup (under the migration lock, after
 * linting and validating); with {@code contract}, then the contract migrations whose conditions hold. A failed
 * migration fails the build with its error.
 */
@Mojo(name = "deploy", requiresProject = true, threadSafe = true)
public class DeployMojo extends AbstractSlipwayMojo {

    /** Also apply the contract migrations whose conditions hold. */
    @Parameter(property = "slipway.contract", defaultValue = "false")
    boolean contract;

    @Override
    void run() throws MojoExecutionException {
        Slipway slipway = slipway(new Progress());
        getLog().info("Deploying to " + describeDatabase() + " ("
                + String.join(", ", settings(true).config().locations()) + ")");
        MigrateResult result = slipway.migrate();
        int applied = result.appliedCount();
        if (contract) {
            ContractResult contracted = slipway.contract();
            applied += contracted.appliedCount();
            for (MigrationInfo waiting : contracted.awaiting()) {
                getLog().info("Awaiting " + waiting.id()
                        + (waiting.awaitingReason() == null ? "" : ": " + waiting.awaitingReason()));
            }
        }
        getLog().info(
                        applied == 0
                                ? "Nothing to apply: the database is up to date."
                                : "Done: " + applied + (applied == 1 ? " migration" : " migrations") + " applied.");
    }

    private final class Progress implements SlipwayListener {

        @Override
        public void lockWaiting(LockHolder holder, Duration waitedSoFar) {
            getLog().info("Waiting for the migration lock, held by pid " + holder.pid()
                    + (holder.applicationName() == null ? "" : " (" + holder.applicationName() + ")"));
        }

        @Override
        public void migrationStarted(MigrationInfo migration) {
            getLog().info("Applying " + migration.id() + " ...");
        }

        @Override
        public void migrationApplied(MigrationInfo migration, Duration duration) {
            getLog().info("Applied " + migration.id() + " in " + duration.toMillis() + " ms");
        }

        @Override
        public void migrationFailed(MigrationInfo migration, SlipwayException error) {
            getLog().error("Failed " + migration.id());
        }
    }
}
