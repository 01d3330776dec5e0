package dev.slipway.migrate.backfill;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One backfill's row of {@code slipway_backfills} as a test reads it straight from the table, cursor included
 * (which {@link BackfillStatus} does not show).
 */
record BackfillRecord(
        String state,
        boolean sweeping,
        int sweepPass,
        List<String> cursor,
        long rowsProcessed,
        long rowsUpdated,
        long batches,
        String lastError) {

    /** The record, empty while the table or the row does not exist yet. */
    static Optional<BackfillRecord> read(Connection connection, String name) throws SQLException {
        String sql = "SELECT state, sweeping, sweep_pass, cursor, rows_processed, rows_updated, batches, last_error"
                + " FROM slipway_backfills WHERE name = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Array cursor = row.getArray("cursor");
                return Optional.of(new BackfillRecord(
                        row.getString("state"),
                        row.getBoolean("sweeping"),
                        row.getInt("sweep_pass"),
                        cursor == null ? null : List.of((String[]) cursor.getArray()),
                        row.getLong("rows_processed"),
                        row.getLong("rows_updated"),
                        row.getLong("batches"),
                        row.getString("last_error")));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined_table: no backfill has been recorded yet
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The first key column of the cursor as a number; -1 at the start of a pass. */
    long cursorKey() {
        return cursor == null ? -1 : Long.parseLong(cursor.get(0));
    }
}
