package dev.slipway.migrate.internal.lock;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.Identifiers;
import dev.slipway.migrate.internal.postgres.SlipwayTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The lease that goes with a lock: a row of {@code slipway_locks} whose fencing token grows by one each time a runner
 * takes the lock, so that exactly once never rests on the advisory lock (session state) alone.
 *
 * <ol>
 *   <li>Right after taking the advisory lock, before reading anything, the runner takes the lease ({@link #take}):
 *       one statement inserts the row or increments its token, and returns the token the runner now holds.</li>
 *   <li>Every transaction that changes what the lock guards first checks, in that transaction, that the row still
 *       carries that token ({@link #check}: {@code SELECT token ... FOR SHARE}, so that a competing increment waits
 *       for this transaction to commit, and then sees what it wrote). Work outside a transaction checks before each
 *       statement, and conditions its bookkeeping updates on the token ({@link #condition}).</li>
 *   <li>When the advisory lock leaked (a transaction-pooling proxy handed the session to another client), two
 *       runners may both believe they hold it; the one that took the lease last holds the token, and the other
 *       stops at its next check with a {@link LeaseLostException}, having applied nothing more.</li>
 * </ol>
 */
public final class Lease {

    /** The lease table, in the schema of the history table. */
    public static final String TABLE = "slipway_locks";

    private static final String COLUMNS =
            "name text PRIMARY KEY, token bigint NOT NULL, holder text," + " acquired_at timestamptz NOT NULL";
    private static final String COMMENT = "Slipway lock leases: one row per lock (name = what it guards, e.g. the"
            + " history table) whose fencing token grows each time a runner takes the lock; every migration transaction"
            + " checks that its runner still holds the token. Do not change it.";

    private final String qualifiedTable;
    private final String name;
    private final long token;

    private Lease(String qualifiedTable, String name, long token) {
        this.qualifiedTable = qualifiedTable;
        this.name = name;
        this.token = token;
    }

    /**
     * Creates {@code slipway_locks} in the schema unless it exists. Call under the migration lock (with the history
     * table); it runs in the caller's transaction, if any.
     */
    public static void createTable(Connection c, String schema) throws SQLException {
        if (Catalog.tableExists(c, schema, TABLE)) {
            return;
        }
        String qualified = Identifiers.qualified(schema, TABLE);
        Jdbc.execute(c, "CREATE TABLE IF NOT EXISTS " + qualified + " (" + COLUMNS + ")");
        Jdbc.execute(c, "COMMENT ON TABLE " + qualified + " IS '" + COMMENT + "'");
    }

    /**
     * Takes the lease of the lock named {@code name} (creating the table when it is missing): inserts its row or
     * increments its token. Call right after taking the advisory lock, before reading what it guards, in autocommit.
     *
     * @param holder who takes it, for people reading the table (instance, host, pid)
     */
    public static Lease take(Connection c, String schema, String name, String holder) throws SQLException {
        if (!Catalog.tableExists(c, schema, TABLE)) {
            // In a transaction of its own under the table-creation lock: runners whose migration lock leaked may
            // both get here for a history table from before the lease.
            SlipwayTables.create(c, schema, TABLE, false, COLUMNS, COMMENT);
        }
        String qualified = Identifiers.qualified(schema, TABLE);
        long token = Jdbc.queryOne(
                        c,
                        "INSERT INTO " + qualified + " AS l (name, token, holder, acquired_at)"
                                + " VALUES (?, 1, ?, clock_timestamp())"
                                + " ON CONFLICT (name) DO UPDATE SET token = l.token + 1, holder = EXCLUDED.holder,"
                                + " acquired_at = EXCLUDED.acquired_at RETURNING token",
                        rs -> rs.getLong(1),
                        name,
                        holder)
                .orElseThrow();
        return new Lease(qualified, name, token);
    }

    public String name() {
        return name;
    }

    public long token() {
        return token;
    }

    /**
     * Checks, in the connection's current transaction, that the lease still carries this token, and keeps its row
     * share-locked until the transaction ends.
     *
     * @param work what is about to be done, for the message ("migration 3_add_index")
     * @throws LeaseLostException when another runner took the lock meanwhile
     */
    public void check(Connection c, String work) throws SQLException {
        Optional<Long> now = Jdbc.queryOne(
                c, "SELECT token FROM " + qualifiedTable + " WHERE name = ? FOR SHARE", rs -> rs.getLong(1), name);
        if (now.isEmpty() || now.get() != token) {
            throw new LeaseLostException(work, name, token, now.orElse(null));
        }
    }

    /**
     * A condition to add to an update's {@code WHERE} ({@code AND} it), true only while the lease carries this
     * token; bind {@link #conditionParameters()} after the update's own parameters.
     */
    public String condition() {
        return "EXISTS (SELECT 1 FROM " + qualifiedTable + " WHERE name = ? AND token = ?)";
    }

    public Object[] conditionParameters() {
        return new Object[] {name, token};
    }

    /** The error for an update that {@link #condition} kept from happening. */
    public LeaseLostException lost(Connection c, String work) throws SQLException {
        Optional<Long> now =
                Jdbc.queryOne(c, "SELECT token FROM " + qualifiedTable + " WHERE name = ?", rs -> rs.getLong(1), name);
        return new LeaseLostException(work, name, token, now.orElse(null));
    }
}
