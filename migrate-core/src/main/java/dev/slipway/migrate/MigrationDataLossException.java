package dev.slipway.migrate;

/**
 * A migration was stopped before one of its statements because, against the data in the database now, that
 * statement would fail or lose data: a {@code NOT NULL} column added without a default to a table holding rows,
 * {@code SET NOT NULL} on a column holding NULLs, a unique constraint or index over duplicate values, or a
 * dropped column or table that still holds data. The statement did not run: a transactional migration was rolled
 * back as a whole, a non-transactional one stopped right before the statement and resumes there.
 *
 * <p>The check is skipped for a statement that {@code -- slipway:allow data-loss <reason>} covers (on the line
 * right before it, or at the top of the migration for all of its statements).
 */
public class MigrationDataLossException extends MigrationFailedException {

    private final String problem;
    private final String table;
    private final String column;
    private final long rowCount;
    private final String fix;

    /**
     * @param table the schema-qualified table, as SQL names it
     * @param column the column, as SQL names it, or null when the whole table is concerned
     * @param rowCount how many rows are in the way
     * @param description what the statement would do to the data, with the facts
     * @param action what to do: the fix, how to accept the loss on purpose, and what stays applied
     * @param problem what the statement would do to the data, in one sentence
     * @param fix what to do about it
     */
    public MigrationDataLossException(
            String description,
            Action action,
            String version,
            String migrationName,
            String source,
            int statement,
            int line,
            String statementText,
            String problem,
            String table,
            String column,
            long rowCount,
            String fix) {
        super(
                SlipwayError.DATA_LOSS,
                description,
                action,
                version,
                migrationName,
                source,
                statement,
                line,
                statementText,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null);
        this.problem = problem;
        this.table = table;
        this.column = column;
        this.rowCount = rowCount;
        this.fix = fix;
    }

    /**
     * What the statement would do to the data, e.g. {@code 1 value of public.accounts.email occurs more than once (2
     * rows)}.
     */
    public String getProblem() {
        return problem;
    }

    /** The schema-qualified table, as SQL names it (quoted where needed), e.g. {@code public.users}. */
    public String getTable() {
        return table;
    }

    /**
     * The column, or the key columns and expressions of a unique constraint or index separated by {@code ", "},
     * as SQL names them; null for a dropped table.
     */
    public String getColumn() {
        return column;
    }

    /**
     * The exact number of rows in the way: the rows of the table (a required column added, a table dropped), the
     * rows holding NULL ({@code SET NOT NULL}), the rows sharing a duplicated key (unique constraint or index),
     * or the rows holding a value (a column dropped).
     */
    public long getRowCount() {
        return rowCount;
    }

    /** What to do instead, in a few lines of text and SQL. */
    public String getFix() {
        return fix;
    }
}
