package dev.slipway.migrate;

/**
 * A migration file or folder that cannot be used as it is: a bad name, a duplicate version, a file that is
 * not UTF-8, a migration folder without {@code migration.sql}, an unknown directive, a psql meta-command, and so on. Thrown while the
 * migrations are read, before anything is applied.
 */
public class InvalidMigrationException extends SlipwayException {

    private final String source;
    private final int line;
    private final String problem;

    /**
     * @param source the file or folder, as a location ({@code classpath:db/migrations/...})
     * @param line the 1-based line in the file, or 0 when the problem is not on one line
     * @param problem what is wrong, without the file and line
     * @param action what to do
     */
    public InvalidMigrationException(String source, int line, String problem, Action action) {
        this(SlipwayError.INVALID_MIGRATION, source, line, problem, action);
    }

    /** For subclasses with an error code of their own. */
    protected InvalidMigrationException(SlipwayError error, String source, int line, String problem, Action action) {
        super(error, source + (line > 0 ? ":" + line : "") + ": " + problem, action);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** What is wrong, without the file and line that {@link #getDescription()} starts with. */
    public String getProblem() {
        return problem;
    }

    /** The file or folder, as a location such as {@code classpath:db/migrations/20240101000000_init/migration.sql}. */
    public String getSource() {
        return source;
    }

    /** The 1-based line in the file, or 0 when the problem is not on one line. */
    public int getLine() {
        return line;
    }
}
