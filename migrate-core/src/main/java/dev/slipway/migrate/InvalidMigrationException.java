package dev.slipway.migrate;

/**
 * A migration file or folder that cannot be used as it is: a bad name, a duplicate version, a file that is
 * not UTF-8, a migration folder without {@code migration.sql}, an unknown directive, a psql meta-command, and so on. Thrown while the
 * migrations are read, before anything is applied.
 */
public class InvalidMigrationException extends SlipwayException {

    private final String source;
    private final int line;

    /**
     * @param source the file or folder, as a location ({@code classpath:db/migrations/...})
     * @param line the 1-based line in the file, or 0 when the problem is not on one line
     * @param problem what is wrong and what to do
     */
    public InvalidMigrationException(String source, int line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
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
