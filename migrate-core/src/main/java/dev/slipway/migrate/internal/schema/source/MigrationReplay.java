package dev.slipway.migrate.internal.schema.source;

import dev.slipway.migrate.internal.discovery.MigrationLoader;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies migrations to a scratch database the plain way, to learn the schema they produce: no history, no lock, no
 * lint, no backfill gate (contract migrations included: the schema of a history is that of all its migrations).
 *
 * <ol>
 *   <li>The migrations are loaded as Slipway loads them (same files, same order, same directives and splitting).</li>
 *   <li>Versioned migrations in version order, then repeatable ones by name, as a Slipway run applies them.</li>
 *   <li>A transactional migration runs in one transaction; one outside a transaction statement by statement.</li>
 *   <li>The first failing statement stops the replay with the migration, statement, line and server error.</li>
 * </ol>
 */
public final class MigrationReplay {

    private MigrationReplay() {}

    /** How many migrations a replay applied. */
    public static int replay(Connection connection, List<String> locations, ClassLoader classLoader)
            throws SQLException {
        MigrationLoader.Found found = MigrationLoader.scanAll(locations, classLoader);
        List<MigrationScript> scripts = new ArrayList<>(MigrationLoader.parse(found.versioned()));
        scripts.addAll(MigrationLoader.parse(found.repeatable()));
        for (MigrationScript script : scripts) {
            apply(connection, script);
        }
        return scripts.size();
    }

    private static void apply(Connection connection, MigrationScript script) throws SQLException {
        boolean transactional = script.transactional() && !script.statements().isEmpty();
        connection.setAutoCommit(!transactional);
        try (Statement statement = connection.createStatement()) {
            for (SqlStatement sql : script.statements()) {
                try {
                    statement.execute(sql.sql());
                } catch (SQLException e) {
                    if (transactional) {
                        connection.rollback();
                    }
                    throw ReplayException.of(
                            "Migration " + script.id(),
                            script.source(),
                            sql,
                            e,
                            "Fix the migration so that it applies to an empty database (the scratch database"
                                    + " starts empty, as a new environment's does), or the earlier migration it"
                                    + " relies on.");
                }
            }
            if (transactional) {
                connection.commit();
            }
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
