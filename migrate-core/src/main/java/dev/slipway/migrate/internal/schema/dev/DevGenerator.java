package dev.slipway.migrate.internal.schema.dev;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.discovery.MigrationLoader;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.schema.source.SchemaFiles;
import dev.slipway.migrate.internal.schema.source.SchemaSource;
import dev.slipway.migrate.internal.schema.source.SchemaSources;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.DevMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code slipway dev} computes:
 *
 * <ol>
 *   <li>read the migrations (replayed into a scratch database) and the desired schema;</li>
 *   <li>read the {@code -- slipway:renamed-from} hints of the desired schema's files, when it is a schema folder;</li>
 *   <li>plan the migrations ({@link DevPlanner}), versioned after the newest existing migration;</li>
 *   <li>count the data the contract migrations delete on the development database ({@link DataLossCounter}).</li>
 * </ol>
 */
public final class DevGenerator {

    private DevGenerator() {}

    /**
     * @param migrations the migrations as they are
     * @param desired the desired schema
     * @param context how sources are read; its server login is the development database the counts are made on
     * @param name the change's name
     * @param clock where the first version comes from
     */
    public static DevMigrations generate(
            SchemaSource.Migrations migrations,
            SchemaSource desired,
            SchemaSources.Context context,
            String name,
            Clock clock) {
        DatabaseSchema from = SchemaSources.read(migrations, context);
        DatabaseSchema to = SchemaSources.read(desired, context);
        RenameHints.Hints hints = RenameHints.Hints.none();
        if (desired instanceof SchemaSource.SchemaFolder folder) {
            List<String> texts = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            for (Path file : SchemaFiles.list(folder.folder())) {
                texts.add(SchemaFiles.text(file));
                sources.add(file.toString());
            }
            hints = RenameHints.read(texts, sources);
        }
        String newest = MigrationLoader.newestVersion(migrations.locations(), context.classLoader())
                .map(MigrationVersion::toString)
                .orElse(null);
        DevPlanner.Result result = DevPlanner.plan(from, to, hints, name, clock, newest);
        String contract = result.contractMigrations().isEmpty()
                ? null
                : result.contractMigrations().get(0);
        List<DevMigrations.DataLossWarning> warnings = List.of();
        if (contract != null) {
            try (Connection connection = context.server().connect()) {
                warnings = DataLossCounter.count(connection, result.start(), to, result.renames(), contract);
            } catch (SQLException e) {
                throw new SlipwayException(
                        SlipwayError.DATABASE_ERROR,
                        "Could not count the data the contract migration " + contract + " deletes on the development"
                                + " database: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")",
                        Action.text("Check that the development database is reachable and that the login may read"
                                + " its tables."),
                        e);
            }
        }
        return new DevMigrations(result.files(), result.backfills(), warnings);
    }
}
