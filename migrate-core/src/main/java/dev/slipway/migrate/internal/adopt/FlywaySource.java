package dev.slipway.migrate.internal.adopt;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.AdoptionProblem;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.internal.discovery.MigrationLoader;
import dev.slipway.migrate.internal.history.HistoryTable;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Flyway's history table ({@code flyway_schema_history}, or the name {@link SlipwayConfig#flywayTable()} gives) in the
 * schema Slipway migrates. Reads every row in {@code installed_rank} order and leaves the matching with the files to
 * {@link FlywayImport}; only reads.
 */
final class FlywaySource implements HistorySource {

    /** The columns Flyway's table has (Flyway 6 and later). */
    static final List<String> COLUMNS = List.of(
            "installed_rank",
            "version",
            "description",
            "type",
            "script",
            "checksum",
            "installed_by",
            "installed_on",
            "execution_time",
            "success");

    private final String schema;
    private final String table;
    private final boolean ignoreMissing;

    private FlywaySource(String schema, String table, boolean ignoreMissing) {
        this.schema = schema;
        this.table = table;
        this.ignoreMissing = ignoreMissing;
    }

    /** Flyway's table, when the schema Slipway migrates has one. */
    static Optional<HistorySource> find(Connection c, HistoryTable history, SlipwayConfig config) throws SQLException {
        if (!Catalog.tableExists(c, history.schema(), config.flywayTable())) {
            return Optional.empty();
        }
        return Optional.of(new FlywaySource(history.schema(), config.flywayTable(), config.ignoreMissing()));
    }

    @Override
    public String displayName() {
        return schema + "." + table;
    }

    @Override
    public String tool() {
        return "Flyway";
    }

    @Override
    public Reading read(Connection c, MigrationLoader.Found files) throws SQLException {
        List<String> absent = new ArrayList<>();
        for (String column : COLUMNS) {
            if (!Catalog.columnExists(c, schema, table, column)) {
                absent.add(column);
            }
        }
        if (!absent.isEmpty()) {
            return new Reading(
                    List.of(),
                    List.of(new AdoptionProblem(
                            SlipwayError.HISTORY_NOT_READABLE,
                            null,
                            "the table " + displayName() + " is not a Flyway history: it has no column "
                                    + String.join(", ", absent),
                            Action.of(
                                    "if Flyway's history is another table, set {} to its name; if this table is not "
                                            + "Flyway's, rename it",
                                    Setting.ADOPT_FLYWAY_TABLE))),
                    "");
        }
        List<FlywayRow> rows = Jdbc.query(
                c,
                "SELECT installed_rank, version, description, type, script, checksum,"
                        + " installed_by, installed_on::timestamptz, execution_time, success FROM "
                        + Identifiers.qualified(schema, table) + " ORDER BY installed_rank",
                rs -> {
                    int checksum = rs.getInt(6);
                    Integer checksumOrNull = rs.wasNull() ? null : checksum;
                    Timestamp installedOn = rs.getTimestamp(8);
                    int executionTime = rs.getInt(9);
                    Integer executionTimeOrNull = rs.wasNull() ? null : executionTime;
                    return new FlywayRow(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            checksumOrNull,
                            rs.getString(7),
                            installedOn == null ? null : installedOn.toInstant(),
                            executionTimeOrNull,
                            rs.getBoolean(10));
                });
        return new FlywayImport(table, ignoreMissing).match(rows, files);
    }
}
