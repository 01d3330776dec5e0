package dev.slipway.migrate.internal.sql;

/**
 * Case folding as PostgreSQL does it for keywords and unquoted identifiers: ASCII letters only. (Java's
 * locale-independent case mapping would fold, for example, a dotless {@code ı} to {@code I}.)
 */
final class Ascii {

    private Ascii() {}

    /** Whether {@code text[start, end)} equals the upper-case {@code keyword}, ignoring ASCII case. */
    static boolean equalsIgnoreCase(String text, int start, int end, String keyword) {
        if (end - start != keyword.length()) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            if (toUpper(text.charAt(start + i)) != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String toUpperCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = toUpper(chars[i]);
        }
        return new String(chars);
    }

    static String toLowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            chars[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(chars);
    }

    private static char toUpper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }
}
