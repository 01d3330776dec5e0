package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.backfill.BackfillState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the states of named backfills from {@code slipway_backfills}, for contract migrations that wait for them.
 * Reads the table directly, so it needs no {@code Backfill} definitions: a contract migration may be checked by an
 * instance that does not run the backfill itself.
 */
public final class BackfillStates {

    /**
     * One backfill's state and progress.
     *
     * @param name the backfill's name
     * @param state its state
     * @param rowsProcessed rows the cursor has passed
     * @param rowsEstimated the estimated row count of its table, null when unknown
     */
    public record Summary(String name, BackfillState state, long rowsProcessed, Long rowsEstimated) {

        /** Whole percent done (at most 99 until completed), or -1 when there is no estimate. */
        public int percentDone() {
            if (state == BackfillState.COMPLETED) {
                return 100;
            }
            if (rowsEstimated == null) {
                return -1;
            }
            long estimated = Math.max(rowsEstimated, rowsProcessed);
            return estimated == 0 ? 0 : (int) Math.min(99, rowsProcessed * 100 / estimated);
        }
    }

    private BackfillStates() {}

    /**
     * The recorded backfills among {@code names}, by name; a backfill no instance has recorded yet (or a missing
     * table) is absent from the map.
     *
     * @param schema the schema of {@code slipway_backfills}: the history table's
     */
    public static Map<String, Summary> read(Connection c, String schema, Collection<String> names) throws SQLException {
        Map<String, Summary> found = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        BackfillTable table = new BackfillTable(schema);
        if (!table.exists(c)) {
            return found;
        }
        for (String name : names) {
            table.read(c, name)
                    .ifPresent(r ->
                            found.put(name, new Summary(r.name(), r.state(), r.rowsProcessed(), r.rowsEstimated())));
        }
        return found;
    }
}
