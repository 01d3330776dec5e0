package dev.slipway.maven;

import dev.slipway.migrate.ContractResult;
import dev.slipway.migrate.MigrateResult;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.Slipway;
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
        Slipway slipway = slipway(new MigrationProgress(getLog()));
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
}
