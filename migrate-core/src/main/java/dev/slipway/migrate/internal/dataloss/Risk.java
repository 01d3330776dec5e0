package dev.slipway.migrate.internal.dataloss;

import dev.slipway.migrate.internal.sql.Tokens;
import java.util.List;

/**
 * One part of a statement that fails or loses data when the table holds the wrong rows. Names are as the
 * statement writes them ({@link Tokens.Name#parts()} hold the stored names); {@code offset} is the 0-based
 * position in the statement's text where the part starts, for the line in the message.
 */
sealed interface Risk {

    Tokens.Name table();

    int offset();

    /** {@code ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] c type NOT NULL | PRIMARY KEY}, without a non-null default. */
    record AddRequiredColumn(
            Tokens.Name table, boolean only, Tokens.Name column, String type, boolean primaryKey, int offset)
            implements Risk {}

    /** {@code ALTER TABLE t ALTER [COLUMN] c SET NOT NULL}. */
    record SetNotNull(Tokens.Name table, boolean only, Tokens.Name column, int offset) implements Risk {}

    /**
     * {@code ALTER TABLE t ADD [CONSTRAINT n] UNIQUE | PRIMARY KEY (columns)} or
     * {@code CREATE UNIQUE INDEX [n] ON [ONLY] t (keys) ... [WHERE predicate]}.
     *
     * @param keys the key columns and expressions; a column has its name, an expression only its text
     * @param nullsNotDistinct whether NULL keys count as equal ({@code NULLS NOT DISTINCT})
     * @param predicate a partial index's {@code WHERE} condition as written, or null
     * @param indexName the stored name of the index of a {@code CREATE INDEX IF NOT EXISTS}, or null
     * @param onlyParent whether {@code ON ONLY} builds the index on a partitioned table's parent alone
     * @param index whether it is a {@code CREATE UNIQUE INDEX} (else a constraint)
     */
    record UniqueKey(
            Tokens.Name table,
            List<Key> keys,
            boolean primaryKey,
            boolean index,
            boolean nullsNotDistinct,
            String predicate,
            String indexName,
            boolean onlyParent,
            int offset)
            implements Risk {

        public UniqueKey {
            keys = List.copyOf(keys);
        }
    }

    /** {@code ALTER TABLE t DROP [COLUMN] [IF EXISTS] c}. */
    record DropColumn(Tokens.Name table, boolean only, Tokens.Name column, int offset) implements Risk {}

    /** One table of {@code DROP TABLE [IF EXISTS] a, b}. */
    record DropTable(Tokens.Name table, int offset) implements Risk {}

    /**
     * A key of a unique constraint or index: a column (its name set) or an expression.
     *
     * @param column the column's name, or null for an expression
     * @param expression the expression as written, or null for a column
     */
    record Key(Tokens.Name column, String expression) {

        /** The key as it is written in SQL. */
        String written() {
            return column != null ? column.written() : expression;
        }
    }
}
