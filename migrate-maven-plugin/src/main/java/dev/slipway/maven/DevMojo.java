package dev.slipway.maven;

import dev.slipway.migrate.MigrateResult;
import dev.slipway.migrate.schema.DevMigrations;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the migrations for the difference between the migrations and the desired schema (the command line's
 * {@code slipway dev}, Prisma's {@code migrate dev}), split into expand and contract migrations with the backfills to
 * declare and the data the contract migrations would delete, counted on the development database; then applies the
 * expand migrations there, unless {@code createOnly}. The desired schema is {@code schema} (the project's
 * {@code src/main/resources/db/schema}) when that folder exists, else {@code entities} (the JPA entities through
 * Hibernate's schema export; compile first: {@code mvn compile slipway:dev}).
 */
@Mojo(name = "dev", requiresProject = true, threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DevMojo extends AbstractSchemaMojo {

    /** What the change does, e.g. {@code add_customer_phone}: part of the migrations' names. */
    @Parameter(property = "slipway.name", required = true)
    String name;

    /** Whether to only write the migrations, not apply them to the development database. */
    @Parameter(property = "slipway.createOnly", defaultValue = "false")
    boolean createOnly;

    /** The desired schema; default {@code schema} when the schema folder exists, else {@code entities}. */
    @Parameter(property = "slipway.to")
    String to;

    @Override
    void run() throws MojoExecutionException {
        String desired = to == null || to.isBlank() ? defaultDesiredSource("-Dslipway.to") : to.trim();
        Path folder = settings(false).config().locations().stream()
                .filter(l -> l.startsWith("filesystem:"))
                .map(l -> Path.of(l.substring("filesystem:".length())))
                .findFirst()
                .orElseThrow(() -> new MojoExecutionException("There is no filesystem location to write the "
                        + "migrations in.\nGive -Dslipway.locations=filesystem:<folder>."));
        DevMigrations migrations = schemaDiff().dev(source(desired), name, Clock.systemUTC());
        if (migrations.isEmpty()) {
            getLog().info("The migrations already give the desired schema (" + desired + "): nothing to write.");
            return;
        }
        List<Path> written = migrations.writeTo(folder);
        written.forEach(file -> getLog().info("Wrote " + file));
        if (!migrations.backfills().isEmpty()) {
            getLog().warn("Declare these backfills in the application; the contract migration waits until each is "
                    + "completed:");
            for (DevMigrations.BackfillToDeclare backfill : migrations.backfills()) {
                getLog().warn("// " + backfill.reason());
                backfill.java().lines().forEach(getLog()::warn);
            }
        }
        for (DevMigrations.DataLossWarning warning : migrations.warnings()) {
            getLog().warn(warning.message());
        }
        if (createOnly) {
            getLog().info("Created only (createOnly): review them, then apply with mvn slipway:deploy.");
            return;
        }
        getLog().info("Applying the expand migrations to " + describeDatabase());
        MigrateResult result = slipway(new MigrationProgress(getLog())).migrate();
        int applied = result.appliedCount();
        getLog().info("Done: " + applied + (applied == 1 ? " migration" : " migrations") + " applied"
                + (migrations.files().stream().anyMatch(f -> f.migration().endsWith("_contract"))
                        ? "; the contract migration applies with mvn slipway:deploy -Dslipway.contract once its"
                                + " backfills are completed."
                        : "."));
    }
}
