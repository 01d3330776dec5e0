package dev.slipway.maven;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.Resolution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Settles a failed (or interrupted) migration: {@code applied} when its changes were completed by hand,
 * {@code rolledBack} when they were undone so that the next deploy runs it again. Exactly one of the two.
 */
@Mojo(name = "resolve", requiresProject = true, threadSafe = true)
public class ResolveMojo extends AbstractSlipwayMojo {

    /** The migration's version, as {@code slipway:status} shows it. */
    @Parameter(property = "slipway.version", required = true)
    String version;

    /** Its changes are in the database: mark it applied. */
    @Parameter(property = "slipway.applied", defaultValue = "false")
    boolean applied;

    /** Its changes were undone: mark it rolled back, so that it runs again. */
    @Parameter(property = "slipway.rolledBack", defaultValue = "false")
    boolean rolledBack;

    @Override
    void run() throws MojoExecutionException {
        if (applied == rolledBack) {
            throw new MojoExecutionException("Say how migration " + version + " was settled: give exactly one of "
                    + "-Dslipway.applied (its changes are in the database) and -Dslipway.rolledBack (they were "
                    + "undone).");
        }
        Resolution resolution = applied ? Resolution.APPLIED : Resolution.ROLLED_BACK;
        MigrationInfo resolved = slipway(null).resolve(version, resolution);
        getLog().info("Resolved: " + resolved.id() + " is now " + resolved.state()
                + (resolution == Resolution.ROLLED_BACK ? "; the next slipway:deploy runs it again." : "."));
    }
}
