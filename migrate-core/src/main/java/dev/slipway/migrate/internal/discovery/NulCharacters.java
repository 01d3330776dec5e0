package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.internal.sql.SqlLexer;

/**
 * Refuses a migration, repeatable migration or down file that holds a NUL character (U+0000), when the file is
 * read, so that a set of migrations with one such file applies nothing.
 *
 * <p>Every NUL is refused, in comments too. PostgreSQL can take a NUL neither in a statement's text (the wire
 * protocol ends the query string at it: the server answers "insufficient data left in message") nor in a
 * {@code text} value, and Slipway sends the comments that stand inside a statement to the server with it. A NUL
 * in a comment between two statements would not be sent, but allowing it there and not one line further down
 * would make a rule no one can see in an editor; no tool writes NULs into SQL comments on purpose.
 *
 * <ol>
 *   <li>Find the first NUL; a file without one is left alone (one pass over the text, nothing allocated).</li>
 *   <li>Count the line (the text is normalised to {@code \n}) and the column (in characters, as editors count
 *       them) where it stands, and how many NULs the file holds.</li>
 *   <li>Lex the text up to it ({@link SqlLexer}) to tell whether it sits in a string literal, a comment, a
 *       quoted identifier or the SQL itself, which decides what to advise.</li>
 *   <li>Throw an {@link InvalidMigrationException} naming file, line and column. The message shows the character
 *       escaped, never raw, so that no log or terminal receives it.</li>
 * </ol>
 */
final class NulCharacters {

    private static final char NUL = '\0';

    private NulCharacters() {}

    /**
     * @param text the file's decoded and normalised text
     * @param source the file, as a location, for the message
     * @throws InvalidMigrationException when the text holds a NUL character
     */
    static void refuse(String text, String source) {
        int first = text.indexOf(NUL);
        if (first < 0) {
            return;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < first; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = text.codePointCount(lineStart, first) + 1;
        long count = text.chars().filter(c -> c == NUL).count();
        Place place = placeOf(text, first);
        String others = count == 1 ? "" : " (the first of " + count + " in the file)";
        throw new InvalidMigrationException(
                source,
                line,
                "Column " + column + " holds a NUL character (U+0000,"
                        + " written \\0 here)" + others + ", " + where(place) + ". PostgreSQL cannot take a NUL in a"
                        + " statement's text nor store one in text or varchar, so the file is refused before any of its"
                        + " statements runs.",
                Action.text(advice(place)));
    }

    private static String where(Place place) {
        return switch (place) {
            case STRING -> "inside a string literal";
            case COMMENT -> "inside a comment (Slipway sends the comments inside a statement to the server with it)";
            case IDENTIFIER -> "inside a quoted identifier";
            case SQL -> "in the SQL itself";
        };
    }

    private static String advice(Place place) {
        return switch (place) {
            case STRING ->
                "If the value is binary data, store it in a bytea column and write the bytes escaped,"
                        + " e.g. '\\x00'::bytea or decode('00', 'hex'); otherwise remove the NUL from the file.";
            case COMMENT, IDENTIFIER, SQL ->
                "Remove the NUL from the file (grep -naP '\\x00' <file> lists the" + " lines that hold one).";
        };
    }

    private enum Place {
        STRING,
        COMMENT,
        IDENTIFIER,
        SQL
    }

    private static Place placeOf(String text, int nul) {
        SqlLexer lexer = new SqlLexer(text);
        while (lexer.next()) {
            if (lexer.end() > nul) {
                if (lexer.start() > nul) {
                    return Place.SQL;
                }
                return switch (lexer.kind()) {
                    case STRING, ESCAPE_STRING, DOLLAR_STRING -> Place.STRING;
                    case COMMENT -> Place.COMMENT;
                    case QUOTED_IDENTIFIER -> Place.IDENTIFIER;
                    default -> Place.SQL;
                };
            }
        }
        return Place.SQL;
    }
}
