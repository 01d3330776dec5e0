package dev.slipway.maven;

import dev.slipway.migrate.schema.SchemaPlan;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Replays the migrations into a scratch database and compares the result with the configured database (the command
 * line's {@code slipway drift}): the build fails when they differ, naming each difference as the statement that
 * would make the database match its migrations.
 */
@Mojo(name = "drift", requiresProject = true, threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DriftMojo extends AbstractSchemaMojo {

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Resolved settings = settings(true);
        String database = describeDatabase();
        SchemaPlan plan = schemaDiff(false).plan("url:" + settings.jdbcUrl(), "migrations");
        String locations = String.join(", ", settings.config().locations());
        if (plan.isEmpty()) {
            getLog().info("No drift: " + database + " matches the migrations in " + locations + ".");
            return;
        }
        StringBuilder text = new StringBuilder("Drift: " + database + " differs from the migrations in " + locations
                + " (" + count(plan) + " would make it match them):");
        describe(plan).forEach(line -> text.append('\n').append(line));
        text.append("\nFind who changed the database by hand: write a migration for a change to keep, or undo the "
                + "change; then run mvn slipway:drift again.");
        throw new MojoFailureException(mask(text.toString()));
    }
}
