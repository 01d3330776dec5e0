package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.internal.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the {@code -- slipway:} directives of a migration file and what each applies to.
 *
 * <ol>
 *   <li>The text is read gap by gap, skipping the text of each statement the splitter found: what lies
 *       between statements holds only blanks, semicolons and comments. A directive is a {@code --} comment
 *       in a gap that starts with {@code slipway:} and stands on a line of its own; a {@code --} inside a
 *       block comment is not a directive.</li>
 *   <li>Directives before the first statement are the file's header and apply to the whole file.</li>
 *   <li>After the first statement only {@code allow} is accepted, on the line right before a statement
 *       (several {@code allow} lines may stand one above the other); it applies to that statement.</li>
 *   <li>A directive name Slipway does not know, a directive in any other place, and a line inside a
 *       statement that starts with {@code -- slipway:} (where it would be silently ignored) are refused.</li>
 * </ol>
 */
final class DirectiveScanner {

    /**
     * A directive and what it applies to.
     *
     * @param statement the 1-based number of the statement it applies to, or 0 for the whole file
     */
    record Placed(Directive directive, int statement) {}

    private final String text;
    private final String source;
    private final int[] lineStarts;
    private final List<Placed> placed = new ArrayList<>();

    private DirectiveScanner(String text, String source) {
        this.text = text;
        this.source = source;
        this.lineStarts = lineStarts(text);
    }

    /**
     * @param text the file's normalised text, as given to the splitter
     * @param statements the statements the splitter found in it, in order
     * @param source the file, for error messages
     * @return the directives in file order
     */
    static List<Placed> scan(String text, List<SqlStatement> statements, String source) {
        DirectiveScanner scanner = new DirectiveScanner(text, source);
        int position = 0;
        for (int i = 0; i <= statements.size(); i++) {
            SqlStatement next = i < statements.size() ? statements.get(i) : null;
            Gap gap = scanner.gapFrom(position);
            if (i == 0) {
                gap.directives().forEach(directive -> scanner.placed.add(new Placed(directive, 0)));
            } else {
                scanner.placeAfterFirstStatement(gap.directives(), statements.get(i - 1), next);
            }
            if (next != null) {
                if (!next.standsAt(text, gap.end())) {
                    throw new IllegalStateException("Statement " + next.number() + " of " + source
                            + " is not where the splitter said: its text does not start at offset " + gap.end());
                }
                scanner.refuseDirectivesInside(next);
                position = gap.end() + next.length();
            }
        }
        return List.copyOf(scanner.placed);
    }

    /**
     * What lies between two statements.
     *
     * @param directives the directives found there
     * @param end where the next statement starts: the first character that is not a blank, a semicolon or
     *     part of a comment; the length of the text after the last statement
     */
    private record Gap(List<Directive> directives, int end) {}

    private Gap gapFrom(int start) {
        List<Directive> directives = new ArrayList<>();
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("--", i)) {
                int lineEnd = text.indexOf('\n', i);
                int commentEnd = lineEnd < 0 ? text.length() : lineEnd;
                Directive directive = Directive.inComment(text.substring(i + 2, commentEnd), lineOf(i));
                if (directive != null) {
                    checkKnownAndAlone(directive, i);
                    directives.add(directive);
                }
                i = commentEnd;
            } else if (text.startsWith("/*", i)) {
                i = endOfBlockComment(i);
            } else if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else {
                break;
            }
        }
        return new Gap(directives, i);
    }

    private int endOfBlockComment(int start) {
        return endOfBlockComment(text, start);
    }

    /** The index after the (nested) block comment that starts at {@code start}, or the end of the text. */
    static int endOfBlockComment(String text, int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    private void checkKnownAndAlone(Directive directive, int offset) {
        if (!Directive.NAMES.contains(directive.name())) {
            throw new InvalidMigrationException(
                    source,
                    directive.line(),
                    "Unknown directive " + directive.written() + ".",
                    Action.text("Slipway knows -- slipway:" + String.join(", -- slipway:", Directive.NAMES)
                            + ". Fix the spelling, or write the comment without 'slipway:'."));
        }
        if (!text.substring(lineStarts[directive.line() - 1], offset).isBlank()) {
            throw new InvalidMigrationException(
                    source,
                    directive.line(),
                    "The directive " + directive.written() + " shares its line with SQL.",
                    Action.text("Put it on a line of its own."));
        }
    }

    private void placeAfterFirstStatement(List<Directive> found, SqlStatement previous, SqlStatement next) {
        Map<Integer, Directive> allowsByLine = new TreeMap<>();
        for (Directive directive : found) {
            if (!directive.name().equals(Directive.ALLOW)) {
                throw new InvalidMigrationException(
                        source,
                        directive.line(),
                        "The directive "
                                + directive.written() + " comes after statement " + previous.number() + " (line "
                                + previous.line() + ").",
                        Action.text("Move it to the top of the file, before the first statement;"
                                + " only -- slipway:allow may stand right before a later statement."));
            }
            allowsByLine.put(directive.line(), directive);
        }
        List<Directive> attached = new ArrayList<>();
        if (next != null) {
            for (int line = next.line() - 1; allowsByLine.containsKey(line); line--) {
                attached.add(0, allowsByLine.remove(line));
            }
        }
        if (!allowsByLine.isEmpty()) {
            Directive stray = allowsByLine.values().iterator().next();
            throw new InvalidMigrationException(
                    source,
                    stray.line(),
                    "The directive " + stray.written() + " is not on the line right before a statement.",
                    Action.text(
                            "Put it directly above the statement it"
                                    + " allows, or at the top of the file, before the first statement, to allow the whole file."));
        }
        attached.forEach(directive -> placed.add(new Placed(directive, next.number())));
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private void refuseDirectivesInside(SqlStatement statement) {
        CharSequence sql = statement.text();
        int i = 0;
        for (int at = indexOf(sql, '\n', 0); at >= 0; at = indexOf(sql, '\n', at + 1)) {
            i++;
            int first = at + 1;
            while (first < sql.length() && sql.charAt(first) != '\n' && Character.isWhitespace(sql.charAt(first))) {
                first++;
            }
            if (first + 1 >= sql.length() || sql.charAt(first) != '-' || sql.charAt(first + 1) != '-') {
                continue; // only a line comment can hold a directive: no copy of the other lines
            }
            int end = indexOf(sql, '\n', first);
            String line = sql.subSequence(at + 1, end < 0 ? sql.length() : end)
                    .toString()
                    .strip();
            if (line.startsWith("--") && Directive.inComment(line.substring(2), statement.line() + i) != null) {
                throw new InvalidMigrationException(
                        source,
                        statement.line() + i,
                        "The directive " + line + " stands inside statement " + statement.number()
                                + ", where Slipway does not read it.",
                        Action.text("Move it above the statement: -- slipway:allow on the line right before it, other"
                                + " directives at the top of the file."));
            }
        }
    }

    private int lineOf(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return index >= 0 ? index + 1 : -index - 1;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
