package dev.slipway.migrate.internal.fleet;

import dev.slipway.migrate.InstanceInfo;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.Identifiers;
import dev.slipway.migrate.internal.postgres.ServerError;
import dev.slipway.migrate.internal.postgres.SlipwayTables;
import dev.slipway.migrate.internal.postgres.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The table {@code slipway_instances}: one row per running {@code Slipway} object of the fleet, kept fresh by its
 * heartbeats. All SQL touching it lives here.
 *
 * <ol>
 *   <li>Each heartbeat upserts the instance's row with {@code last_seen = now()} and
 *       {@code expires_at = now() + 3 × heartbeat interval}, by the database's clock, so instances whose clocks
 *       disagree still agree on who is live: an instance is live while {@code expires_at > now()}.</li>
 *   <li>The row records the newest migration the instance ships; contract migrations wait while a live instance
 *       ships an older one.</li>
 *   <li>Rows of instances of other history tables in the same schema are kept apart by {@code history_table}, as
 *       their migration locks are.</li>
 *   <li>The table is created on the first heartbeat that misses it, under a transaction-level advisory lock, so
 *       instances starting together do not race on {@code CREATE TABLE}; rows that expired more than a day ago
 *       are deleted by every heartbeat.</li>
 * </ol>
 */
public final class InstanceRegistry {

    /** The table's name. */
    public static final String NAME = "slipway_instances";

    private static final String COLUMNS =
            "id, host, pid, application, started_at, last_seen, expires_at," + " newest_migration";

    private final String schema;
    private final String historyTable;
    private final String qualified;

    /**
     * @param schema the schema of the history table, where the registry lives
     * @param historyTable the history table's name: instances are counted per history
     */
    public InstanceRegistry(String schema, String historyTable) {
        this.schema = schema;
        this.historyTable = historyTable;
        this.qualified = Identifiers.qualified(schema, NAME);
    }

    /** {@code schema.slipway_instances}, for messages. */
    public String displayName() {
        return schema + "." + NAME;
    }

    /** What an instance says about itself on each heartbeat. */
    public record Registration(String id, String host, long pid, String application, String newestMigration) {}

    /**
     * Registers the instance or refreshes its row, creating the table first when it is missing, and deletes the
     * rows of instances that expired more than a day ago. Runs in autocommit.
     */
    public void heartbeat(Connection c, Registration self, Duration interval, boolean createSchema)
            throws SQLException {
        try {
            upsert(c, self, interval);
        } catch (SQLException e) {
            String sqlState = ServerError.from(e).sqlState();
            if (!SqlStates.UNDEFINED_TABLE.equals(sqlState) && !SqlStates.INVALID_SCHEMA_NAME.equals(sqlState)) {
                throw e;
            }
            create(c, createSchema);
            upsert(c, self, interval);
        }
        Jdbc.update(c, "DELETE FROM " + qualified + " WHERE expires_at < now() - interval '1 day'");
    }

    private void upsert(Connection c, Registration self, Duration interval) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO " + qualified + " (id, history_table, host, pid, application, started_at,"
                        + " last_seen, expires_at, newest_migration)"
                        + " VALUES (?, ?, ?, ?, ?, now(), now(), now() + ? * interval '1 millisecond', ?)"
                        + " ON CONFLICT (id) DO UPDATE SET last_seen = EXCLUDED.last_seen, expires_at = EXCLUDED.expires_at,"
                        + " newest_migration = EXCLUDED.newest_migration, host = EXCLUDED.host, pid = EXCLUDED.pid,"
                        + " application = EXCLUDED.application",
                self.id(),
                historyTable,
                self.host(),
                self.pid(),
                self.application(),
                3 * interval.toMillis(),
                self.newestMigration());
    }

    /** Deletes the instance's row; true when there was one. */
    public boolean leave(Connection c, String id) throws SQLException {
        if (!exists(c)) {
            return false;
        }
        return Jdbc.update(c, "DELETE FROM " + qualified + " WHERE id = ?", id) > 0;
    }

    /** The live instances of this history, oldest first; empty when the table does not exist. */
    public List<InstanceInfo> live(Connection c, String selfId) throws SQLException {
        if (!exists(c)) {
            return List.of();
        }
        return Jdbc.query(
                c,
                "SELECT " + COLUMNS + " FROM " + qualified
                        + " WHERE history_table = ? AND expires_at > now() ORDER BY started_at, id",
                rs -> new InstanceInfo(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4),
                        instant(rs.getTimestamp(5)),
                        instant(rs.getTimestamp(6)),
                        instant(rs.getTimestamp(7)),
                        rs.getString(8),
                        rs.getString(1).equals(selfId)),
                historyTable);
    }

    /**
     * In the caller's transaction, takes {@code SHARE} on the table until that transaction ends, so that no
     * instance registers or heartbeats meanwhile (their writes wait for the commit), and answers the live
     * instances that ship only migrations older than {@code version}; empty when the table does not exist.
     */
    public List<InstanceInfo> lockAndFindOlder(Connection c, String selfId, MigrationVersion version)
            throws SQLException {
        if (!exists(c)) {
            return List.of();
        }
        Jdbc.execute(c, "LOCK TABLE " + qualified + " IN SHARE MODE");
        return live(c, selfId).stream()
                .filter(i -> i.newestMigration() == null
                        || MigrationVersion.parse(i.newestMigration()).compareTo(version) < 0)
                .toList();
    }

    private boolean exists(Connection c) throws SQLException {
        return Catalog.tableExists(c, schema, NAME);
    }

    /** Creates the table (and the schema, when asked) unless it exists, in its own transaction. */
    private void create(Connection c, boolean createSchema) throws SQLException {
        SlipwayTables.create(
                c,
                schema,
                NAME,
                createSchema,
                "id text PRIMARY KEY,"
                        + " history_table text NOT NULL,"
                        + " host text NOT NULL,"
                        + " pid bigint NOT NULL,"
                        + " application text,"
                        + " started_at timestamptz NOT NULL,"
                        + " last_seen timestamptz NOT NULL,"
                        + " expires_at timestamptz NOT NULL,"
                        + " newest_migration text",
                "Slipway instance registry: one row per running"
                        + " instance, refreshed by its heartbeats. Contract migrations wait for live instances that ship"
                        + " older migrations.");
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
