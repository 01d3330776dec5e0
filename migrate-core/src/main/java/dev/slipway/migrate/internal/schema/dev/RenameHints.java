package dev.slipway.migrate.internal.schema.dev;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.internal.sql.SqlIdentifiers;
import dev.slipway.migrate.internal.sql.SqlLexer;
import dev.slipway.migrate.internal.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code -- slipway:renamed-from <old>} hints of desired-schema files, read with the SQL lexer (so a hint inside a
 * string or a function body is no hint):
 *
 * <ol>
 *   <li>A hint in a line comment right before a {@code CREATE TABLE} (nothing but comments between them) renames the
 *       table: {@code <old>} is its former name, qualified or in the table's schema.</li>
 *   <li>A hint in a line comment inside the parentheses of a {@code CREATE TABLE}, on the line where a column
 *       definition starts ({@code full_name text, -- slipway:renamed-from name}), renames that column.</li>
 *   <li>Any other hint is an error naming the file and line: a rename is never guessed, and a misplaced hint would
 *       silently turn into a drop and an add.</li>
 * </ol>
 */
public final class RenameHints {

    static final String HINT = "slipway:renamed-from";

    private static final Set<String> NOT_COLUMNS =
            Set.of("constraint", "primary", "unique", "check", "foreign", "exclude", "like");

    /**
     * A table renamed.
     *
     * @param schema the schema written before the new name, or null
     * @param table the new name, as stored
     * @param oldSchema the schema written in the hint, or null (then the table's)
     * @param oldTable the former name, as stored
     */
    public record TableHint(String schema, String table, String oldSchema, String oldTable) {}

    /**
     * A column renamed.
     *
     * @param schema the schema written before the table name, or null
     * @param table the table's name, as stored
     * @param column the new name
     * @param oldColumn the former name
     */
    public record ColumnHint(String schema, String table, String column, String oldColumn) {}

    /** The hints of a set of files. */
    public record Hints(List<TableHint> tables, List<ColumnHint> columns) {
        public Hints {
            tables = List.copyOf(tables);
            columns = List.copyOf(columns);
        }

        public static Hints none() {
            return new Hints(List.of(), List.of());
        }

        Hints plus(Hints other) {
            List<TableHint> t = new ArrayList<>(tables);
            t.addAll(other.tables);
            List<ColumnHint> c = new ArrayList<>(columns);
            c.addAll(other.columns);
            return new Hints(t, c);
        }
    }

    private record Token(SqlLexer.Kind kind, String text, int line, int depth) {}

    private RenameHints() {}

    /** Reads the hints of several files, in order. */
    public static Hints read(List<String> texts, List<String> sources) {
        Hints hints = Hints.none();
        for (int i = 0; i < texts.size(); i++) {
            hints = hints.plus(read(texts.get(i), sources.get(i)));
        }
        return hints;
    }

    /**
     * Reads the hints of one file.
     *
     * @param source the file, for errors
     * @throws InvalidMigrationException naming the file and line of a hint that is misplaced or names nothing
     */
    public static Hints read(String text, String source) {
        List<Token> tokens = tokens(text);
        List<TableHint> tables = new ArrayList<>();
        List<ColumnHint> columns = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            // one statement: the comments before it, then up to ; at depth 0
            Token pendingHint = null;
            while (i < tokens.size() && tokens.get(i).kind == SqlLexer.Kind.COMMENT) {
                if (hintOf(tokens.get(i)) != null) {
                    if (pendingHint != null) {
                        throw misplaced(source, pendingHint, "two table hints stand before one statement");
                    }
                    pendingHint = tokens.get(i);
                }
                i++;
            }
            int start = i;
            while (i < tokens.size() && !(tokens.get(i).kind == SqlLexer.Kind.SEMICOLON && tokens.get(i).depth == 0)) {
                i++;
            }
            int end = i;
            i++; // the semicolon
            List<Token> statement = tokens.subList(start, Math.min(end, tokens.size()));
            int tableWord = createTableWord(statement);
            if (pendingHint != null && tableWord < 0) {
                throw misplaced(source, pendingHint, "it does not stand right before a CREATE TABLE");
            }
            if (tableWord < 0) {
                for (Token token : statement) {
                    if (token.kind == SqlLexer.Kind.COMMENT && hintOf(token) != null) {
                        throw misplaced(source, token, "it stands inside a statement that is not a CREATE TABLE");
                    }
                }
                continue;
            }
            int nameAt = tableWord + 1;
            nameAt = skipComments(statement, nameAt);
            if (isWord(statement, nameAt, "if")) {
                nameAt = skipComments(statement, skipComments(statement, skipComments(statement, nameAt + 1) + 1) + 1);
            }
            List<String> name = new ArrayList<>();
            int after = readName(statement, nameAt, name);
            if (name.isEmpty()) {
                continue;
            }
            String schema = name.size() > 1 ? name.get(name.size() - 2) : null;
            String table = name.get(name.size() - 1);
            if (pendingHint != null) {
                List<String> old = hintName(pendingHint, source);
                tables.add(new TableHint(
                        schema, table, old.size() > 1 ? old.get(old.size() - 2) : null, old.get(old.size() - 1)));
            }
            readColumnHints(statement, after, schema, table, source, columns);
        }
        return new Hints(tables, columns);
    }

    private static void readColumnHints(
            List<Token> statement, int from, String schema, String table, String source, List<ColumnHint> columns) {
        String element = null;
        int elementLine = -1;
        boolean expectElement = false;
        for (int i = from; i < statement.size(); i++) {
            Token token = statement.get(i);
            if (token.kind == SqlLexer.Kind.COMMENT) {
                if (hintOf(token) == null) {
                    continue;
                }
                if (token.depth != 1 || element == null || token.line != elementLine) {
                    throw misplaced(source, token, "it is not on the line of a column definition");
                }
                List<String> old = hintName(token, source);
                if (old.size() != 1) {
                    throw misplaced(source, token, "a column's former name is one name, not qualified");
                }
                columns.add(new ColumnHint(schema, table, element, old.get(0)));
                continue;
            }
            if (token.kind == SqlLexer.Kind.OPEN_PAREN && token.depth == 0) {
                expectElement = true;
            } else if (token.depth == 1 && token.kind == SqlLexer.Kind.OTHER && token.text.equals(",")) {
                expectElement = true;
            } else if (expectElement && token.depth == 1) {
                expectElement = false;
                boolean word = token.kind == SqlLexer.Kind.WORD || token.kind == SqlLexer.Kind.QUOTED_IDENTIFIER;
                String stored = word ? SqlIdentifiers.storedName(token.text, '\\') : null;
                element = stored == null
                                || (token.kind == SqlLexer.Kind.WORD
                                        && NOT_COLUMNS.contains(token.text.toLowerCase(Locale.ROOT)))
                        ? null
                        : stored;
                elementLine = token.line;
            }
        }
    }

    private static int createTableWord(List<Token> statement) {
        int i = skipComments(statement, 0);
        if (!isWord(statement, i, "create")) {
            return -1;
        }
        for (int j = i + 1; j < statement.size() && j < i + 6; j++) {
            Token token = statement.get(j);
            if (token.kind == SqlLexer.Kind.COMMENT) {
                continue;
            }
            if (isWord(statement, j, "table")) {
                return j;
            }
            if (token.kind != SqlLexer.Kind.WORD) {
                return -1;
            }
            String word = token.text.toLowerCase(Locale.ROOT);
            if (!Set.of("unlogged", "temporary", "temp", "global", "local").contains(word)) {
                return -1;
            }
        }
        return -1;
    }

    private static int readName(List<Token> statement, int i, List<String> parts) {
        while (i < statement.size()) {
            Token token = statement.get(i);
            if (token.kind != SqlLexer.Kind.WORD && token.kind != SqlLexer.Kind.QUOTED_IDENTIFIER) {
                return i;
            }
            String stored = SqlIdentifiers.storedName(token.text, '\\');
            if (stored == null) {
                return i;
            }
            parts.add(stored);
            i++;
            if (i < statement.size() && statement.get(i).text.equals(".")) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    private static boolean isWord(List<Token> statement, int i, String word) {
        return i < statement.size()
                && statement.get(i).kind == SqlLexer.Kind.WORD
                && statement.get(i).text.equalsIgnoreCase(word);
    }

    private static int skipComments(List<Token> statement, int i) {
        while (i < statement.size() && statement.get(i).kind == SqlLexer.Kind.COMMENT) {
            i++;
        }
        return i;
    }

    /** The argument of a hint comment, or null when the comment is no hint. */
    private static String hintOf(Token comment) {
        if (!comment.text.startsWith("--")) {
            return null;
        }
        String body = comment.text.substring(2).strip();
        if (!body.startsWith(HINT)) {
            return null;
        }
        String rest = body.substring(HINT.length());
        if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
            return null;
        }
        return rest.strip();
    }

    private static List<String> hintName(Token comment, String source) {
        String argument = hintOf(comment);
        Tokens tokens = Tokens.of(argument);
        Tokens.Name name = tokens.size() == 0 ? null : tokens.name(0);
        if (name == null || name.next() != tokens.size()) {
            throw new InvalidMigrationException(
                    source,
                    comment.line,
                    "The hint -- " + HINT + " '" + argument + "' does not name one table or column.",
                    Action.text("Write the former name after it, e.g. -- " + HINT + " customer_name."));
        }
        return name.parts();
    }

    private static InvalidMigrationException misplaced(String source, Token hint, String why) {
        return new InvalidMigrationException(
                source,
                hint.line,
                "The hint -- " + HINT + " is not where Slipway reads it: " + why + ".",
                Action.text("Put it on the line of the renamed column's definition inside CREATE TABLE, or on the"
                        + " line right before the CREATE TABLE of a renamed table; without a hint a rename is a drop"
                        + " and an add."));
    }

    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(text);
        int depth = 0;
        int line = 1;
        int counted = 0;
        while (lexer.next()) {
            for (int i = counted; i < lexer.start(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            counted = lexer.start();
            SqlLexer.Kind kind = lexer.kind();
            if (kind == SqlLexer.Kind.CLOSE_PAREN && depth > 0) {
                depth--;
            }
            tokens.add(new Token(kind, lexer.text(), line, depth));
            if (kind == SqlLexer.Kind.OPEN_PAREN) {
                depth++;
            }
        }
        return tokens;
    }
}
