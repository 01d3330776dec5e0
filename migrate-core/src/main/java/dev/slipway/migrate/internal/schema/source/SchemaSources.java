package dev.slipway.migrate.internal.schema.source;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.schema.CatalogReader;
import dev.slipway.migrate.internal.schema.DefinitionReprint;
import dev.slipway.migrate.schema.DatabaseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Turns a {@link SchemaSource} into a {@link DatabaseSchema}: a live database is read as it is; migrations, schema
 * files and {@code empty} are applied to a {@link ScratchDatabase} (on the server of {@link Context#server()}, or in
 * {@link Context#shadow()} when given), their definitions reprinted ({@link DefinitionReprint}: checks, views and
 * index expressions take the form PostgreSQL prints, the only form a plan can carry), read, and the scratch database
 * dropped (or emptied). A live database is never changed.
 */
public final class SchemaSources {

    /**
     * What reading a source needs.
     *
     * @param server the login whose server holds the scratch databases, and that {@code url:} sources use when their
     *     URL names no user
     * @param shadow a database to use (and empty) instead of creating scratch databases, or null
     * @param classLoader the class loader for {@code classpath:} migration locations
     * @param options what the catalog read leaves out
     * @param schema the schema migrations run in (Slipway's schema setting), created in scratch databases and put
     *     first on their search path; null for the login's own search path
     * @param reprint whether a scratch database's checks, views and expression indexes are brought to the form
     *     PostgreSQL prints ({@link DefinitionReprint}) before it is read: right when the other side holds printed
     *     forms (a plan's, {@code dev}'s), wrong when both sides ran the same SQL ({@code drift})
     */
    public record Context(
            ServerLogin server,
            ServerLogin shadow,
            ClassLoader classLoader,
            CatalogReader.Options options,
            String schema,
            boolean reprint) {

        /** A context whose migrations run in the login's own search path, reprinted. */
        public Context(ServerLogin server, ServerLogin shadow, ClassLoader classLoader, CatalogReader.Options options) {
            this(server, shadow, classLoader, options, null, true);
        }

        public Context {
            Objects.requireNonNull(server, "'server' must not be null");
            Objects.requireNonNull(classLoader, "'classLoader' must not be null");
            Objects.requireNonNull(options, "'options' must not be null");
        }
    }

    private SchemaSources() {}

    /** Reads the schema the source describes. */
    public static DatabaseSchema read(SchemaSource source, Context context) {
        if (source instanceof SchemaSource.Url url) {
            ServerLogin login = new ServerLogin(
                    url.jdbcUrl(), context.server().user(), context.server().password());
            try (Connection connection = login.connect()) {
                return CatalogReader.read(connection, context.options());
            } catch (SQLException e) {
                throw unreadable(source, e);
            }
        }
        try (ScratchDatabase scratch = context.shadow() == null
                ? ScratchDatabase.create(context.server(), context.schema())
                : ScratchDatabase.shadow(context.shadow(), context.schema())) {
            try (Connection connection = scratch.connect()) {
                if (source instanceof SchemaSource.Migrations migrations) {
                    MigrationReplay.replay(connection, migrations.locations(), context.classLoader());
                } else if (source instanceof SchemaSource.SchemaFolder folder) {
                    SchemaFiles.apply(connection, folder.folder());
                }
                // The database is ours: its definitions take the form PostgreSQL prints, as a plan carries them.
                if (context.reprint()) {
                    DefinitionReprint.apply(connection);
                }
                return CatalogReader.read(connection, context.options());
            } catch (SQLException e) {
                throw unreadable(source, e);
            }
        }
    }

    private static SlipwayException unreadable(SchemaSource source, SQLException e) {
        return new SlipwayException(
                SlipwayError.DATABASE_ERROR,
                "Could not read the schema of " + source.describe() + ": " + e.getMessage() + " (SQLSTATE "
                        + e.getSQLState() + ")",
                Action.text("Check that the database is reachable and that the login may read its catalog."),
                e);
    }
}
