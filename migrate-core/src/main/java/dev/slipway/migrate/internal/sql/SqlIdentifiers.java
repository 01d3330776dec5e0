package dev.slipway.migrate.internal.sql;

import java.nio.charset.StandardCharsets;

/**
 * Turns identifier tokens into the names PostgreSQL stores:
 * <ol>
 *   <li>an unquoted name is folded to lower case (ASCII letters only, as the server does);</li>
 *   <li>a quoted name {@code "..."} keeps its case, with {@code ""} read as {@code "};</li>
 *   <li>a {@code U&"..."} name also has its Unicode escapes ({@code \XXXX}, {@code \+XXXXXX}, {@code \\}, or the
 *       same with the character given by {@code UESCAPE}) replaced by the characters they stand for;</li>
 *   <li>a name longer than 63 bytes in UTF-8 is cut to 63 bytes, never inside a character.</li>
 * </ol>
 */
public final class SqlIdentifiers {

    /** PostgreSQL's NAMEDATALEN - 1. */
    private static final int MAX_NAME_BYTES = 63;

    private SqlIdentifiers() {}

    /**
     * The stored name of a {@link SqlLexer.Kind#WORD} or {@link SqlLexer.Kind#QUOTED_IDENTIFIER} token, or
     * {@code null} when a Unicode escape in it is invalid.
     *
     * @param escape the escape character of a {@code U&"..."} name ({@code \} unless {@code UESCAPE} says)
     */
    public static String storedName(String token, char escape) {
        if (!token.endsWith("\"")) {
            return truncate(Ascii.toLowerCase(token));
        }
        boolean unicode = token.charAt(0) != '"';
        String quoted = token.substring(unicode ? 3 : 1, token.length() - 1).replace("\"\"", "\"");
        String name = unicode ? unescapeUnicode(quoted, escape) : quoted;
        return name == null ? null : truncate(name);
    }

    /** Whether a quoted-identifier token is of the {@code U&"..."} form. */
    static boolean isUnicodeQuoted(String token) {
        return token.endsWith("\"") && token.charAt(0) != '"';
    }

    /** A name written as a quoted identifier. */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String unescapeUnicode(String text, char escape) {
        StringBuilder name = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != escape) {
                name.append(c);
                i++;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == escape) {
                name.append(escape);
                i += 2;
            } else {
                boolean six = i + 1 < text.length() && text.charAt(i + 1) == '+';
                int digitsStart = six ? i + 2 : i + 1;
                int digitsEnd = digitsStart + (six ? 6 : 4);
                int codePoint = hex(text, digitsStart, digitsEnd);
                if (codePoint < 0 || !Character.isValidCodePoint(codePoint)) {
                    return null;
                }
                name.appendCodePoint(codePoint);
                i = digitsEnd;
            }
        }
        return name.toString();
    }

    private static int hex(String text, int start, int end) {
        if (end > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static String truncate(String name) {
        if (name.length() * 3 <= MAX_NAME_BYTES || name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return name;
        }
        int bytes = 0;
        int i = 0;
        while (i < name.length()) {
            int codePoint = name.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_NAME_BYTES) {
                break;
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return name.substring(0, i);
    }
}
