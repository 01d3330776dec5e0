package dev.slipway.maven;

import dev.slipway.migrate.MigrationInfo;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records every migration up to and including {@code version} as BASELINE without running it, on a schema that has
 * no Slipway history yet; the later ones stay pending.
 */
@Mojo(name = "baseline", requiresProject = true, threadSafe = true)
public class BaselineMojo extends AbstractSlipwayMojo {

    /** The newest migration whose changes the schema already has. */
    @Parameter(property = "slipway.version", required = true)
    String version;

    @Override
    void run() throws MojoExecutionException {
        List<MigrationInfo> recorded = slipway(null).baseline(version);
        for (MigrationInfo m : recorded) {
            getLog().info("Baseline " + m.id());
        }
        getLog().info("Done: " + recorded.size() + (recorded.size() == 1 ? " migration" : " migrations")
                + " recorded as baseline without running; slipway:deploy applies the ones after " + version + ".");
    }
}
