package dev.slipway.migrate;

/**
 * A migration failed while it ran. Carries where (migration, file, statement, line) and what PostgreSQL
 * said (SQLSTATE, message, detail, hint, position).
 */
public class MigrationFailedException extends SlipwayException {

    private final String version;
    private final String migrationName;
    private final String source;
    private final int statement;
    private final int line;
    private final String sqlState;
    private final String serverMessage;
    private final String detail;
    private final String hint;
    private final int position;
    private final String statementText;
    private final String retries;
    private final String applied;

    /**
     * @param error the error code: {@link SlipwayError#MIGRATION_FAILED}, {@link SlipwayError#CONNECTION_LOST},
     *     {@link SlipwayError#LOCK_RETRY_BUDGET_SPENT}, {@link SlipwayError#STATEMENT_TIMEOUT},
     *     {@link SlipwayError#ROLLBACK_FAILED} or {@link SlipwayError#DATA_LOSS}
     * @param description what happened, with the facts
     * @param action what to do
     * @param statementText the failed statement, abbreviated and with its secrets hidden, or null
     * @param retries the lock-conflict retries that were given up, e.g. {@code 5 attempts over 16.2 s: ...}, or null
     * @param applied what of the migration is applied now, or null when the description does not say
     */
    public MigrationFailedException(
            SlipwayError error,
            String description,
            Action action,
            String version,
            String migrationName,
            String source,
            int statement,
            int line,
            String statementText,
            String sqlState,
            String serverMessage,
            String detail,
            String hint,
            int position,
            String retries,
            String applied,
            Throwable cause) {
        super(error, description, action, cause);
        this.statementText = statementText;
        this.retries = retries;
        this.applied = applied;
        this.version = version;
        this.migrationName = migrationName;
        this.source = source;
        this.statement = statement;
        this.line = line;
        this.sqlState = sqlState;
        this.serverMessage = serverMessage;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
    }

    /** The migration's version; null for a repeatable migration ({@code R__<description>.sql}). */
    public String getVersion() {
        return version;
    }

    /**
     * The migration's id, as {@link MigrationInfo#id()} writes it: {@code <version>_<name>}, e.g.
     * {@code 20240101000000_add_display_name}, or {@code R__<name>} for a repeatable migration.
     */
    public String getMigrationId() {
        return version == null ? "R__" + migrationName : version + "_" + migrationName;
    }

    /** The migration's name. */
    public String getMigrationName() {
        return migrationName;
    }

    /** The migration file, as a location. */
    public String getSource() {
        return source;
    }

    /** The 1-based number of the failed statement, or 0 when no statement was running. */
    public int getStatement() {
        return statement;
    }

    /** The line of the file where the error is (the error position's line when the server gave one), or 0. */
    public int getLine() {
        return line;
    }

    /** PostgreSQL's SQLSTATE, or null. */
    public String getSqlState() {
        return sqlState;
    }

    /** PostgreSQL's message, or null. */
    public String getServerMessage() {
        return serverMessage;
    }

    /** PostgreSQL's detail, or null. */
    public String getDetail() {
        return detail;
    }

    /** PostgreSQL's hint, or null. */
    public String getHint() {
        return hint;
    }

    /** The failed statement, abbreviated and with its secrets hidden, or null when no statement was running. */
    public String getStatementText() {
        return statementText;
    }

    /**
     * The lock-conflict retries that were given up, e.g. {@code 5 attempts over 16.2 s: statement 2 (line 4) kept
     * waiting for a lock on table users that another transaction held}, or null when the failure was no lock
     * conflict.
     */
    public String getRetries() {
        return retries;
    }

    /** What of the migration is applied now, e.g. {@code statement 1 (line 2) of 3, and they stay applied}, or null. */
    public String getApplied() {
        return applied;
    }

    /** The 1-based character position in the statement that PostgreSQL reported, or 0. */
    public int getPosition() {
        return position;
    }
}
