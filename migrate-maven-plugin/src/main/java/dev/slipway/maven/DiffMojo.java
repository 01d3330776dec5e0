package dev.slipway.maven;

import dev.slipway.migrate.schema.SchemaPlan;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prints the plan from one schema to another (the command line's {@code slipway diff}): each statement in its safe
 * form with its phase and hazards, or with {@code script} the SQL alone. Sources: {@code migrations[:<location>]},
 * {@code schema[:<folder>]}, {@code entities} (the project's JPA entities through Hibernate's schema export; compile
 * first), {@code url:jdbc:postgresql://...}, {@code empty}. Changes nothing; with {@code failOnDifference} the build
 * fails when the plan is not empty.
 */
@Mojo(name = "diff", requiresProject = true, threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DiffMojo extends AbstractSchemaMojo {

    /** The schema to start from; default {@code migrations} (the migrations replayed). */
    @Parameter(property = "slipway.from", defaultValue = "migrations")
    String from;

    /**
     * The schema to reach; default {@code schema} when the project has {@code src/main/resources/db/schema}, else
     * {@code entities} when Hibernate is a dependency.
     */
    @Parameter(property = "slipway.to")
    String to;

    /** Whether to print the SQL alone, without the phase and hazard comments. */
    @Parameter(property = "slipway.script", defaultValue = "false")
    boolean script;

    /** Whether the build fails when the two schemas differ (the command line's {@code --exit-code}). */
    @Parameter(property = "slipway.failOnDifference", defaultValue = "false")
    boolean failOnDifference;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        String target = to == null || to.isBlank() ? defaultDesiredSource("-Dslipway.to") : to.trim();
        String start = from == null || from.isBlank() ? "migrations" : from.trim();
        SchemaPlan plan = schemaDiff().plan(source(start), source(target));
        String between = "from " + mask(start) + " to " + mask(target);
        if (plan.isEmpty()) {
            getLog().info("No difference " + between + ".");
            return;
        }
        getLog().info("Plan " + between + ": " + count(plan) + ".");
        if (script) {
            plan.script().lines().forEach(getLog()::info);
        } else {
            describe(plan).forEach(getLog()::info);
        }
        if (failOnDifference) {
            throw new MojoFailureException("The schemas differ " + between + ": " + count(plan)
                    + " (listed above; failOnDifference).\nWrite a migration for them (mvn slipway:dev "
                    + "-Dslipway.name=<name> does), or change the desired schema.");
        }
    }
}
