package dev.slipway.migrate.internal.sql;

/**
 * Reads PostgreSQL SQL text token by token, following the lexical rules of the server's scanner closely enough
 * to know where every comment, quoted string, quoted identifier and dollar-quoted string starts and ends.
 *
 * <p>Whitespace ({@code space \t \n \r \f \v}) is skipped; everything else is a token, recognised by its first
 * characters:
 * <ol>
 *   <li>{@code --} starts a line comment that runs to the next line break; {@code /*} starts a block comment that
 *       ends at the matching {@code *}{@code /}, counting nested {@code /*} pairs. Both are
 *       {@link Kind#COMMENT}.</li>
 *   <li>{@code '} starts a string in which {@code ''} stands for a quote and a backslash is an ordinary character
 *       ({@code standard_conforming_strings}, on by default since PostgreSQL 9.1). The prefixes {@code N'},
 *       {@code B'}, {@code X'} and {@code U&'} do not change where such a string ends.</li>
 *   <li>{@code E'} (the {@code E} not part of a longer word) starts a string in which a backslash also escapes
 *       the next character, so {@code \'} does not end it.</li>
 *   <li>A string followed by whitespace that holds a line break (and possibly {@code --} comments) and then
 *       another {@code '} continues there, in the same mode: SQL's string continuation, one token.</li>
 *   <li>{@code "} or {@code U&"} starts a quoted identifier in which {@code ""} stands for a quote.</li>
 *   <li>{@code $tag$}, where the tag is empty or identifier characters not starting with a digit, starts a
 *       dollar-quoted string that ends at the next occurrence of the same {@code $tag$}; nothing inside it is
 *       special. {@code $} followed by digits is a parameter; any other {@code $} is a character of its own.</li>
 *   <li>A letter, {@code _} or non-ASCII character starts a word of identifier characters (those, digits and
 *       {@code $}); a digit starts a number. {@code ;}, {@code (}, {@code )} and a backslash are tokens of their
 *       own kinds; any other character is an {@link Kind#OTHER} token of one character.</li>
 * </ol>
 * A comment, string, identifier or dollar-quoted string that is still open at the end of the text is returned
 * as a token that runs to the end, with {@link #terminated()} false. Every character is read a bounded number of
 * times (at most twice, plus the length of a dollar tag), so lexing is linear in the length of the text.
 */
public final class SqlLexer {

    /** What a token is. */
    public enum Kind {
        WORD,
        QUOTED_IDENTIFIER,
        STRING,
        ESCAPE_STRING,
        DOLLAR_STRING,
        NUMBER,
        PARAMETER,
        SEMICOLON,
        OPEN_PAREN,
        CLOSE_PAREN,
        BACKSLASH,
        COMMENT,
        OTHER
    }

    private final String text;
    private final int length;
    private int position;
    private Kind kind;
    private int start;
    private boolean terminated;

    public SqlLexer(String text) {
        this.text = text;
        this.length = text.length();
        // A byte order mark is not SQL; callers normally strip it, but it must not become a token.
        this.position = length > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
    }

    /** Moves to the next token. Returns false, leaving no current token, at the end of the text. */
    public boolean next() {
        while (position < length && isWhitespace(text.charAt(position))) {
            position++;
        }
        if (position >= length) {
            kind = null;
            start = length;
            return false;
        }
        start = position;
        terminated = true;
        kind = scan(text.charAt(position));
        return true;
    }

    /** Like {@link #next()}, but skips comments. */
    public boolean nextSignificant() {
        while (next()) {
            if (kind != Kind.COMMENT) {
                return true;
            }
        }
        return false;
    }

    public Kind kind() {
        return kind;
    }

    /** Index of the token's first character. */
    public int start() {
        return start;
    }

    /** Index just past the token's last character. */
    public int end() {
        return position;
    }

    /** False when the text ended before the token was closed. */
    public boolean terminated() {
        return terminated;
    }

    public String text() {
        return text.substring(start, position);
    }

    /** Whether the token is the given word, compared as PostgreSQL compares keywords (ASCII case-insensitive). */
    boolean isWord(String keyword) {
        return kind == Kind.WORD && Ascii.equalsIgnoreCase(text, start, position, keyword);
    }

    private Kind scan(char c) {
        switch (c) {
            case '-':
                return at(position + 1) == '-' ? lineComment() : single(Kind.OTHER);
            case '/':
                return at(position + 1) == '*' ? blockComment() : single(Kind.OTHER);
            case '\'':
                return string(false);
            case '"':
                return quotedIdentifier();
            case '$':
                return dollar();
            case ';':
                return single(Kind.SEMICOLON);
            case '(':
                return single(Kind.OPEN_PAREN);
            case ')':
                return single(Kind.CLOSE_PAREN);
            case '\\':
                return single(Kind.BACKSLASH);
            default:
                if (isIdentifierStart(c)) {
                    return prefixedLiteralOrWord(c);
                }
                if (c >= '0' && c <= '9') {
                    return number();
                }
                return single(Kind.OTHER);
        }
    }

    private Kind single(Kind singleCharacterKind) {
        position++;
        return singleCharacterKind;
    }

    private Kind lineComment() {
        int p = position + 2;
        while (p < length && text.charAt(p) != '\n' && text.charAt(p) != '\r') {
            p++;
        }
        position = p;
        return Kind.COMMENT;
    }

    private Kind blockComment() {
        int depth = 1;
        int p = position + 2;
        while (depth > 0) {
            if (p >= length) {
                terminated = false;
                break;
            }
            char c = text.charAt(p);
            if (c == '/' && at(p + 1) == '*') {
                depth++;
                p += 2;
            } else if (c == '*' && at(p + 1) == '/') {
                depth--;
                p += 2;
            } else {
                p++;
            }
        }
        position = Math.min(p, length);
        return Kind.COMMENT;
    }

    private Kind prefixedLiteralOrWord(char c) {
        char next = at(position + 1);
        if (next == '\'') {
            if (c == 'e' || c == 'E') {
                position++;
                string(true);
                return Kind.ESCAPE_STRING;
            }
            if (c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') {
                position++;
                return string(false);
            }
        }
        if ((c == 'u' || c == 'U') && next == '&') {
            char quote = at(position + 2);
            if (quote == '\'') {
                position += 2;
                return string(false);
            }
            if (quote == '"') {
                position += 2;
                return quotedIdentifier();
            }
        }
        int p = position + 1;
        while (p < length && isIdentifierPart(text.charAt(p))) {
            p++;
        }
        position = p;
        return Kind.WORD;
    }

    private Kind number() {
        int p = position + 1;
        while (p < length && isNumberPart(text.charAt(p))) {
            p++;
        }
        position = p;
        return Kind.NUMBER;
    }

    /** Scans a string whose opening quote is at {@code position}, with its continuations. */
    private Kind string(boolean backslashEscapes) {
        int p = position + 1;
        while (true) {
            if (p >= length) {
                terminated = false;
                position = length;
                return Kind.STRING;
            }
            char c = text.charAt(p);
            if (c == '\'') {
                if (at(p + 1) == '\'') {
                    p += 2;
                    continue;
                }
                int continued = continuationQuote(p + 1);
                if (continued < 0) {
                    position = p + 1;
                    return Kind.STRING;
                }
                p = continued + 1;
            } else if (c == '\\' && backslashEscapes) {
                p += 2;
            } else if (backslashEscapes) {
                p++;
            } else {
                int quote = text.indexOf('\'', p);
                p = quote < 0 ? length : quote;
            }
        }
    }

    /**
     * Returns the index of the quote that continues a string closed just before {@code from}, or -1: SQL joins
     * string literals separated by whitespace that holds at least one line break (and {@code --} comments).
     */
    private int continuationQuote(int from) {
        boolean lineBreak = false;
        int p = from;
        while (p < length) {
            char c = text.charAt(p);
            if (c == '\n' || c == '\r') {
                lineBreak = true;
                p++;
            } else if (isWhitespace(c)) {
                p++;
            } else if (c == '-' && at(p + 1) == '-') {
                while (p < length && text.charAt(p) != '\n' && text.charAt(p) != '\r') {
                    p++;
                }
            } else {
                break;
            }
        }
        return lineBreak && at(p) == '\'' ? p : -1;
    }

    private Kind quotedIdentifier() {
        int p = position + 1;
        while (true) {
            int quote = text.indexOf('"', p);
            if (quote < 0) {
                terminated = false;
                position = length;
                return Kind.QUOTED_IDENTIFIER;
            }
            if (at(quote + 1) == '"') {
                p = quote + 2;
            } else {
                position = quote + 1;
                return Kind.QUOTED_IDENTIFIER;
            }
        }
    }

    private Kind dollar() {
        int p = position + 1;
        if (isDigit(at(p))) {
            while (isDigit(at(p))) {
                p++;
            }
            position = p;
            return Kind.PARAMETER;
        }
        if (p < length && isIdentifierStart(text.charAt(p))) {
            p++;
            while (p < length && isDollarTagPart(text.charAt(p))) {
                p++;
            }
        }
        if (at(p) != '$') {
            return single(Kind.OTHER);
        }
        String tag = text.substring(position, p + 1);
        int close = text.indexOf(tag, p + 1);
        if (close < 0) {
            terminated = false;
            position = length;
        } else {
            position = close + tag.length();
        }
        return Kind.DOLLAR_STRING;
    }

    private char at(int index) {
        return index < length ? text.charAt(index) : '\0';
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
    }

    private static boolean isDollarTagPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    private static boolean isIdentifierPart(char c) {
        return isDollarTagPart(c) || c == '$';
    }

    private static boolean isNumberPart(char c) {
        return isDollarTagPart(c) || c == '.';
    }
}
