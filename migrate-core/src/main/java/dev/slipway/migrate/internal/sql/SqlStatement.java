package dev.slipway.migrate.internal.sql;

import java.nio.CharBuffer;
import java.util.Objects;

/**
 * One SQL statement of a migration file, as the splitter found it.
 *
 * <p>A statement of up to {@link #VIEW_THRESHOLD} characters holds its own text. A longer one (a data import of
 * many megabytes) is a view of the file's text, which the file's migration holds anyway: {@link #sql()} copies it
 * out when asked, for as long as the caller needs it, so that the file's text is held once and not twice.
 */
public final class SqlStatement {

    /** Statements longer than this are views of the file's text; shorter ones hold a copy. */
    static final int VIEW_THRESHOLD = 64 * 1024;

    private final int number;
    private final String script;
    private final int start;
    private final int end;
    private final int line;

    /**
     * @param number the 1-based position of the statement in its file
     * @param sql the statement's text, from its first token up to (not including) the terminating semicolon,
     *     exactly as written in the file (comments inside the statement are kept), so that a server error
     *     position can be mapped back to a line of the file
     * @param line the 1-based line of the file on which the statement's first token stands
     */
    public SqlStatement(int number, String sql, int line) {
        this(number, Objects.requireNonNull(sql, "'sql' must not be null"), 0, sql.length(), line);
    }

    private SqlStatement(int number, String script, int start, int end, int line) {
        this.number = number;
        this.script = script;
        this.start = start;
        this.end = end;
        this.line = line;
    }

    /** The statement at [start, end) of a file's text: a copy when short, a view when long. */
    static SqlStatement in(String script, int start, int end, int number, int line) {
        if (end - start <= VIEW_THRESHOLD) {
            return new SqlStatement(number, script.substring(start, end), line);
        }
        return new SqlStatement(number, script, start, end, line);
    }

    /** The 1-based position of the statement in its file. */
    public int number() {
        return number;
    }

    /**
     * The statement's text, exactly as written in the file from its first token up to (not including) the
     * terminating semicolon. For a long statement this is a new copy on each call: take it once where it is used.
     */
    public String sql() {
        return start == 0 && end == script.length() ? script : script.substring(start, end);
    }

    /** The statement's text without copying it. */
    public CharSequence text() {
        return start == 0 && end == script.length() ? script : CharBuffer.wrap(script, start, end);
    }

    /** The number of characters of {@link #sql()}. */
    public int length() {
        return end - start;
    }

    /** Whether the statement's text stands at {@code offset} of {@code text}. */
    public boolean standsAt(String text, int offset) {
        return text.regionMatches(offset, script, start, end - start);
    }

    /** The 1-based line of the file on which the statement's first token stands. */
    public int line() {
        return line;
    }

    /**
     * The 1-based line of the file that holds the given 1-based character position of {@link #sql()}, as
     * PostgreSQL reports it in an error ({@code Position: 17}).
     */
    public int lineOf(int position) {
        int lines = line;
        int last = start + Math.min(Math.max(position - 1, 0), end - start);
        for (int i = start; i < last; i++) {
            if (script.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof SqlStatement that && number == that.number && line == that.line
                && end - start == that.end - that.start && (script == that.script && start == that.start
                        || script.regionMatches(start, that.script, that.start, end - start));
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, line, end - start);
    }

    @Override
    public String toString() {
        return "SqlStatement[number=" + number + ", sql=" + (length() <= 200 ? sql()
                : script.substring(start, start + 200) + "...") + ", line=" + line + "]";
    }
}
