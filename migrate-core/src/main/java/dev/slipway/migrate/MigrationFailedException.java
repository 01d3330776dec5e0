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

    public MigrationFailedException(String message, String version, String migrationName, String source,
            int statement, int line, String sqlState, String serverMessage, String detail, String hint,
            int position, Throwable cause) {
        super(message, cause);
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

    /** The 1-based character position in the statement that PostgreSQL reported, or 0. */
    public int getPosition() {
        return position;
    }
}
