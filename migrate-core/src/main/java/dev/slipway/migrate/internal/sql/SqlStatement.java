package dev.slipway.migrate.internal.sql;

/**
 * One SQL statement of a migration file, as the splitter found it.
 *
 * @param number the 1-based position of the statement in its file
 * @param sql the statement's text, from its first token up to (not including) the terminating semicolon,
 *     exactly as written in the file (comments inside the statement are kept), so that a server error
 *     position can be mapped back to a line of the file
 * @param line the 1-based line of the file on which the statement's first token stands
 */
public record SqlStatement(int number, String sql, int line) {

    /** The number of characters of {@link #sql()}. */
    public int length() {
        return sql.length();
    }

    /** The statement's text, to be read without copying it. */
    public CharSequence text() {
        return sql;
    }

    /** Whether the statement's text stands at {@code offset} of {@code text}. */
    public boolean standsAt(String text, int offset) {
        return text.startsWith(sql, offset);
    }

    /**
     * The 1-based line of the file that holds the given 1-based character position of {@link #sql()}, as
     * PostgreSQL reports it in an error ({@code Position: 17}).
     */
    public int lineOf(int position) {
        int lines = line;
        int end = Math.min(Math.max(position - 1, 0), sql.length());
        for (int i = 0; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
