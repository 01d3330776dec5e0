package dev.slipway.migrate.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The significant tokens of one statement (comments dropped), each with the depth of parentheses it stands at,
 * read by {@link SqlLexer}: letter case, comments, quoting and line breaks do not change what the rules see, and
 * nothing inside a string, quoted identifier or dollar-quoted body is taken for a keyword. The statement classifier
 * ({@link SqlStatements}), the linter and the live data-loss checks read statements with it.
 */
public final class Tokens {

    private final String sql;
    private final List<SqlLexer.Kind> kinds = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<Integer> depths = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private final List<Integer> ends = new ArrayList<>();

    private Tokens(String sql) {
        this.sql = sql;
    }

    /** Reads a statement up to its end or to a {@code ;} outside parentheses. */
    public static Tokens of(String sql) {
        return of(sql, Integer.MAX_VALUE);
    }

    /** Reads at most {@code max} tokens of a statement: enough to tell its kind without reading all of it. */
    public static Tokens of(String sql, int max) {
        Tokens tokens = new Tokens(sql);
        SqlLexer lexer = new SqlLexer(sql);
        int depth = 0;
        while (tokens.size() < max && lexer.nextSignificant()) {
            SqlLexer.Kind kind = lexer.kind();
            if (kind == SqlLexer.Kind.SEMICOLON && depth == 0) {
                break;
            }
            if (kind == SqlLexer.Kind.CLOSE_PAREN && depth > 0) {
                depth--;
            }
            tokens.kinds.add(kind);
            tokens.texts.add(lexer.text());
            tokens.depths.add(depth);
            tokens.starts.add(lexer.start());
            tokens.ends.add(lexer.end());
            if (kind == SqlLexer.Kind.OPEN_PAREN) {
                depth++;
            }
        }
        return tokens;
    }

    /**
     * Reads a whole statement, as {@link #of(String)} does, without keeping its tokens, and gives each schema that
     * qualifies a name in it: {@code app} and {@code s} for {@code app.orders} and {@code s.t.c}. A name counts when
     * each of its parts is a word or a quoted identifier and the last part is not followed by {@code .}; a chain that
     * breaks after a {@code .} ({@code t.*}, {@code a.(b)}) names nothing. Memory does not grow with the statement, so
     * a data import of millions of tokens is read in bounded memory.
     */
    public static void qualifiers(String sql, Consumer<String> schema) {
        SqlLexer lexer = new SqlLexer(sql);
        List<String> chain = new ArrayList<>();
        boolean afterDot = false;
        int depth = 0;
        while (lexer.nextSignificant()) {
            SqlLexer.Kind kind = lexer.kind();
            if (kind == SqlLexer.Kind.SEMICOLON && depth == 0) {
                break;
            }
            if (kind == SqlLexer.Kind.CLOSE_PAREN && depth > 0) {
                depth--;
            } else if (kind == SqlLexer.Kind.OPEN_PAREN) {
                depth++;
            }
            String part = kind == SqlLexer.Kind.WORD || kind == SqlLexer.Kind.QUOTED_IDENTIFIER
                    ? SqlIdentifiers.storedName(lexer.text(), '\\')
                    : null;
            if (afterDot) {
                afterDot = false;
                if (part != null) {
                    chain.add(part);
                } else {
                    chain.clear(); // a name cut off after its dot: none of its parts qualifies a name
                }
                continue;
            }
            if (kind == SqlLexer.Kind.OTHER && !chain.isEmpty() && lexer.text().equals(".")) {
                afterDot = true;
                continue;
            }
            ended(chain, schema);
            if (part != null) {
                chain.add(part);
            }
        }
        if (!afterDot) {
            ended(chain, schema);
        }
    }

    private static void ended(List<String> chain, Consumer<String> schema) {
        for (int i = 0; i < chain.size() - 1; i++) {
            schema.accept(chain.get(i));
        }
        chain.clear();
    }

    public int size() {
        return kinds.size();
    }

    public SqlLexer.Kind kind(int i) {
        return i >= 0 && i < size() ? kinds.get(i) : null;
    }

    public String text(int i) {
        return i >= 0 && i < size() ? texts.get(i) : "";
    }

    /** The 0-based offset in the statement's text where the token at {@code i} starts, or -1. */
    public int start(int i) {
        return i >= 0 && i < size() ? starts.get(i) : -1;
    }

    public int depth(int i) {
        return i >= 0 && i < size() ? depths.get(i) : -1;
    }

    /** The upper-cased unquoted word at {@code i}, or "" when there is none there. */
    public String word(int i) {
        return kind(i) == SqlLexer.Kind.WORD ? Ascii.toUpperCase(texts.get(i)) : "";
    }

    public boolean isWord(int i, String keyword) {
        return word(i).equals(keyword);
    }

    /** Whether the words from {@code i} on are the given keywords, e.g. {@code isWords(i, "NOT", "VALID")}. */
    public boolean isWords(int i, String... keywords) {
        for (int k = 0; k < keywords.length; k++) {
            if (!isWord(i + k, keywords[k])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the token at {@code i} is the one-character symbol, e.g. {@code "."} or {@code ","}. */
    public boolean isSymbol(int i, String symbol) {
        return kind(i) == SqlLexer.Kind.OTHER && texts.get(i).equals(symbol);
    }

    public boolean isOpen(int i) {
        return kind(i) == SqlLexer.Kind.OPEN_PAREN;
    }

    /** Skips {@code IF EXISTS} or {@code IF NOT EXISTS} at {@code i}. */
    public int skipIfExists(int i) {
        if (isWords(i, "IF", "EXISTS")) {
            return i + 2;
        }
        if (isWords(i, "IF", "NOT", "EXISTS")) {
            return i + 3;
        }
        return i;
    }

    /** The index just past the parenthesis that closes the one opened at {@code open}. */
    public int afterClose(int open) {
        int i = open + 1;
        while (i < size() && !(kinds.get(i) == SqlLexer.Kind.CLOSE_PAREN && depths.get(i) == depths.get(open))) {
            i++;
        }
        return Math.min(i + 1, size());
    }

    /** The first index in [from, to) holding the keyword at the given depth, or -1. */
    public int find(int from, int to, String keyword, int depth) {
        for (int i = from; i < Math.min(to, size()); i++) {
            if (depth(i) == depth && isWord(i, keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a token in [from, to) at the given depth is the keyword. */
    public boolean contains(int from, int to, String keyword, int depth) {
        return find(from, to, keyword, depth) >= 0;
    }

    /**
     * The ranges between the commas at the depth of {@code from}, in [from, to): the actions of an
     * {@code ALTER TABLE}, the elements of a column list.
     */
    public List<int[]> split(int from, int to) {
        List<int[]> parts = new ArrayList<>();
        if (from >= to) {
            return parts;
        }
        int depth = depth(from);
        int start = from;
        for (int i = from; i < to; i++) {
            if (depth(i) == depth && isSymbol(i, ",")) {
                parts.add(new int[] {start, i});
                start = i + 1;
            }
        }
        parts.add(new int[] {start, to});
        return parts;
    }

    /** The statement's text of tokens [from, to), as written (comments inside kept), on one line. */
    public String slice(int from, int to) {
        if (from >= to || from >= size()) {
            return "";
        }
        return sql.substring(starts.get(from), ends.get(Math.min(to, size()) - 1))
                .replaceAll("\\s+", " ")
                .strip();
    }

    /**
     * The statement's text of tokens [from, to) exactly as written: line breaks, comments and the spacing inside
     * strings kept, so that it can be run as SQL again.
     */
    public String source(int from, int to) {
        if (from >= to || from >= size()) {
            return "";
        }
        return sql.substring(starts.get(from), ends.get(Math.min(to, size()) - 1));
    }

    /**
     * A possibly schema-qualified name at {@code i} ({@code part [. part ...]}), or null when there is none.
     * {@link Name#key()} is the stored name of its last part: {@code Orders}, {@code public.orders} and
     * {@code "orders"} all have the key {@code orders}; {@code "Orders"} has {@code Orders}.
     */
    public Name name(int i) {
        int start = i;
        String stored = null;
        List<String> parts = new ArrayList<>();
        while (true) {
            SqlLexer.Kind kind = kind(i);
            if (kind != SqlLexer.Kind.WORD && kind != SqlLexer.Kind.QUOTED_IDENTIFIER) {
                return null;
            }
            stored = SqlIdentifiers.storedName(texts.get(i), '\\');
            if (stored == null) {
                return null;
            }
            parts.add(stored);
            i++;
            if (!isSymbol(i, ".")) {
                return new Name(slice(start, i), stored, i, parts);
            }
            i++;
        }
    }

    /**
     * A name followed by its end index.
     *
     * @param written the name as written, qualification included
     * @param key the stored name of its last part
     * @param next the index of the token after it
     * @param parts the stored names of every part: {@code [public, orders]} for {@code public."orders"}
     */
    public record Name(String written, String key, int next, List<String> parts) {

        public Name {
            parts = List.copyOf(parts);
        }
    }
}
