package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.RowProcessor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of one batch, inside the caller's transaction: find the key range, then change the rows of that
 * range that match {@code where}, with the backfill's SQL or its row processor.
 */
final class BatchExecutor {

    private final Backfill backfill;
    private final TargetTable table;
    private final String where;

    BatchExecutor(Backfill backfill, TargetTable table) {
        this.backfill = backfill;
        this.table = table;
        this.where = backfill.where().orElse(null);
    }

    /**
     * The next key range: its last key and its number of rows; null when the table has no rows after the cursor.
     * A full range is found by skipping to the {@code size}-th key in the primary key index; only the tail of the
     * table, where there are fewer, needs them counted.
     */
    Range nextRange(Connection c, List<String> cursor, int size) throws SQLException {
        List<String> upper = firstKey(c, table.nthKeySql(cursor != null), cursor, size - 1);
        if (upper != null) {
            return new Range(upper, size);
        }
        String sql = table.nextRangeSql(cursor != null);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindKey(ps, 1, cursor);
            ps.setInt(i, size);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Range(keyOf(rs), rs.getInt(table.keys().size() + 1));
            }
        }
    }

    private List<String> firstKey(Connection c, String sql, List<String> cursor, int skip) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindKey(ps, 1, cursor);
            ps.setInt(i, skip);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? keyOf(rs) : null;
            }
        }
    }

    private List<String> keyOf(ResultSet rs) throws SQLException {
        List<String> key = new ArrayList<>(table.keys().size());
        for (int k = 1; k <= table.keys().size(); k++) {
            key.add(rs.getString(k));
        }
        return key;
    }

    /**
     * Whether any row of the table matches {@code where}: before a sweep pass walks the table, one query (which
     * takes no row lock) tells whether there is anything to sweep.
     */
    boolean anyMatching(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(table.anyMatchingSql(where))) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The last key of a range and how many rows (of the pass) it holds. */
    record Range(List<String> upper, int rows) {}

    /**
     * Changes the rows of {@code (cursor, upper]} that match {@code where}. The time row locks start being taken is
     * written to {@code lockStart[0]} ({@link System#nanoTime()}).
     */
    Applied apply(Connection c, List<String> cursor, List<String> upper, long[] lockStart) throws SQLException {
        String condition = table.rangeCondition(cursor != null, where);
        if (backfill.processor().isPresent()) {
            return applyJava(c, cursor, upper, condition, lockStart);
        }
        String update = "UPDATE " + table.qualified() + " SET " + backfill.set().orElseThrow() + " WHERE " + condition;
        // With a where: count, in the same statement, the changed rows that still match it (see Applied).
        String sql = where == null
                ? update
                : "WITH slipway_batch AS (" + update + " RETURNING (" + where
                        + ") AS still_matching) SELECT count(*), count(*) FILTER (WHERE still_matching) FROM slipway_batch";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindKey(ps, bindKey(ps, 1, cursor), upper);
            lockStart[0] = System.nanoTime();
            if (where == null) {
                return new Applied(ps.executeUpdate(), null);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int updated = rs.getInt(1);
                boolean stillMatching = rs.getInt(2) > 0;
                return new Applied(updated, stillMatching ? firstMatching(c, cursor, upper, condition) : null);
            }
        } catch (SQLException e) {
            throw new BatchStatementException(sql, e);
        }
    }

    /**
     * What a batch changed.
     * @param updated rows changed
     * @param stillMatching the key of a row that matched {@code where}, was processed, and still matches it: a
     *     definition that the final sweep would process forever; null when there is none
     */
    record Applied(int updated, List<String> stillMatching) {}

    private List<String> firstMatching(Connection c, List<String> cursor, List<String> upper, String condition)
            throws SQLException {
        String sql = table.selectSql(List.of(), condition) + " LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindKey(ps, bindKey(ps, 1, cursor), upper);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> key = new ArrayList<>();
                if (rs.next()) {
                    for (int k = 1; k <= table.keys().size(); k++) {
                        key.add(rs.getString(k));
                    }
                }
                return key;
            }
        }
    }

    private Applied applyJava(Connection c, List<String> cursor, List<String> upper, String condition, long[] lockStart)
            throws SQLException {
        List<JavaRow> rows = new ArrayList<>();
        int keyCount = table.keys().size();
        // The processor reads the key columns (with their own types) and the selected ones.
        List<String> readable = new ArrayList<>(table.keys());
        backfill.select().stream().filter(column -> !readable.contains(column)).forEach(readable::add);
        String select = table.selectForUpdateSql(readable, condition);
        try (PreparedStatement ps = c.prepareStatement(select)) {
            bindKey(ps, bindKey(ps, 1, cursor), upper);
            lockStart[0] = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> key = new ArrayList<>(keyCount);
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int k = 0; k < keyCount; k++) {
                        key.add(rs.getString(k + 1));
                    }
                    for (int column = 0; column < readable.size(); column++) {
                        values.put(readable.get(column), rs.getObject(keyCount + 1 + column));
                    }
                    rows.add(new JavaRow(table, key, values));
                }
            }
        } catch (SQLException e) {
            throw new BatchStatementException(select, e);
        }
        RowProcessor processor = backfill.processor().orElseThrow();
        for (JavaRow row : rows) {
            try {
                processor.process(row);
            } catch (Exception e) {
                throw new RowProcessingException(
                        "the row processor failed on row " + table.describeKey(row.keyText()) + " of "
                                + table.displayName() + ": " + e,
                        e);
            }
        }
        List<String> unchanged = where == null
                ? null
                : rows.stream()
                        .filter(row -> row.changes().isEmpty())
                        .map(JavaRow::keyText)
                        .findFirst()
                        .orElse(null);
        return new Applied(writeChanges(c, rows), unchanged);
    }

    /** One batched {@code UPDATE} per distinct set of changed columns. */
    private int writeChanges(Connection c, List<JavaRow> rows) throws SQLException {
        Map<List<String>, List<JavaRow>> byColumns = new LinkedHashMap<>();
        for (JavaRow row : rows) {
            if (!row.changes().isEmpty()) {
                byColumns
                        .computeIfAbsent(List.copyOf(row.changes().keySet()), k -> new ArrayList<>())
                        .add(row);
            }
        }
        int updated = 0;
        for (Map.Entry<List<String>, List<JavaRow>> group : byColumns.entrySet()) {
            String sql = table.updateRowSql(group.getKey());
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (JavaRow row : group.getValue()) {
                    int i = 1;
                    for (String column : group.getKey()) {
                        ps.setObject(i++, row.changes().get(column));
                    }
                    bindKey(ps, i, row.keyText());
                    ps.addBatch();
                }
                for (int count : ps.executeBatch()) {
                    updated += Math.max(count, 0);
                }
            } catch (SQLException e) {
                throw new BatchStatementException(sql, e);
            }
        }
        return updated;
    }

    private static int bindKey(PreparedStatement ps, int from, List<String> key) throws SQLException {
        if (key == null) {
            return from;
        }
        int i = from;
        for (String value : key) {
            ps.setString(i++, value);
        }
        return i;
    }

    /** A statement of the batch failed; keeps the statement for the message. */
    static final class BatchStatementException extends SQLException {

        private final String statement;

        BatchStatementException(String statement, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.statement = statement;
        }

        String statement() {
            return statement;
        }
    }

    /** The application's row processor threw. */
    static final class RowProcessingException extends RuntimeException {

        RowProcessingException(String message, Exception cause) {
            super(message, cause);
        }
    }
}
