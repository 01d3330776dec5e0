package dev.slipway.migrate.internal.sql;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a migration script into the SQL statements that are sent to the server one by one, the way psql would
 * split it.
 *
 * <ol>
 *   <li>Read the script token by token with {@link SqlLexer}, which knows PostgreSQL's comments, strings
 *       ({@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}, {@code N'...'}), quoted
 *       identifiers and dollar-quoted strings, so that a {@code ;} inside any of them is just text.</li>
 *   <li>A comment, string, identifier or dollar-quoted string that is still open at the end of the script is an
 *       {@link InvalidMigrationException} naming the line where it starts.</li>
 *   <li>A backslash outside of those is a psql meta-command ({@code \connect}, {@code \set}, {@code \i}, ...),
 *       which is not SQL: rejected with its line.</li>
 *   <li>The first token after the previous statement (comments and whitespace do not count) starts a statement;
 *       its line is counted by {@code \n}.</li>
 *   <li>Parentheses are counted. In a statement that begins {@code CREATE [OR REPLACE] FUNCTION} or
 *       {@code PROCEDURE}, so is the SQL-standard body {@code BEGIN ATOMIC ... END} outside parentheses, with
 *       {@code CASE ... END} nested in it. This is psql's rule, except that psql opens a body at any
 *       {@code BEGIN}.</li>
 *   <li>A {@code ;} outside parentheses and routine bodies ends the statement. Its text runs from its first
 *       token to the end of its last token: comments between tokens are kept, those after the last token are
 *       not. A statement without tokens ({@code ;;}, only comments) is dropped; the last statement needs no
 *       {@code ;}.</li>
 *   <li>A statement that is {@code COPY ... FROM STDIN} is rejected as soon as it ends, before the data rows
 *       that follow it in a psql script are read.</li>
 *   <li>A parenthesis or routine body still open at the end of the script is rejected with the line where it
 *       opened.</li>
 * </ol>
 * Every character is read a bounded number of times, so splitting is linear in the length of the script.
 */
public final class StatementSplitter {

    private static final String COPY_FROM_STDIN =
            "COPY ... FROM STDIN needs psql to stream the data that follows" + " it.";

    private static final Action COPY_FROM_STDIN_FIX =
            Action.text("Load the rows with INSERT statements, or COPY FROM a" + " server-side file.");

    private final String script;
    private final String source;
    private final SqlLexer lexer;
    private final RoutineBody routineBody = new RoutineBody();
    private final List<SqlStatement> statements = new ArrayList<>();

    private int countedTo;
    private int linesCounted = 1;

    private int start = -1;
    private int end;
    private int line;
    private int parenDepth;
    private int outerParenStart;

    private StatementSplitter(String script, String source) {
        this.script = script;
        this.source = source;
        this.lexer = new SqlLexer(script);
    }

    /**
     * Splits a script into its statements.
     *
     * @param script the text of a migration file (line endings normalised to {@code \n}; {@code \r\n} works too)
     * @param source where the script comes from, for error messages, e.g.
     *     {@code classpath:db/migrations/20240101000000_init/migration.sql}
     * @return the statements in order, numbered from 1; empty for a script without statements
     * @throws InvalidMigrationException for an unterminated comment, string, quoted identifier, dollar-quoted
     *     string, parenthesis or routine body, a psql meta-command, or {@code COPY ... FROM STDIN}
     */
    public static List<SqlStatement> split(String script, String source) {
        Objects.requireNonNull(script, "'script' must not be null");
        return new StatementSplitter(script, source).split();
    }

    private List<SqlStatement> split() {
        while (lexer.next()) {
            if (!lexer.terminated()) {
                throw unterminatedToken();
            }
            switch (lexer.kind()) {
                case COMMENT:
                    break;
                case BACKSLASH:
                    throw metaCommand();
                case SEMICOLON:
                    if (parenDepth == 0 && !routineBody.isOpen()) {
                        endStatement();
                    } else {
                        addToken();
                    }
                    break;
                default:
                    addToken();
            }
        }
        if (parenDepth > 0) {
            throw invalid(
                    outerParenStart,
                    "unclosed parenthesis starting here.",
                    "Every ( needs a matching ), and"
                            + " a ; inside parentheses does not end a statement, so everything after it was read into this"
                            + " statement.");
        }
        if (routineBody.isOpen()) {
            throw invalid(
                    routineBody.openedAt(),
                    "unterminated BEGIN ATOMIC body starting here.",
                    "End it with END"
                            + " before the ; that ends CREATE FUNCTION or CREATE PROCEDURE (a CASE inside the body needs"
                            + " its own END).");
        }
        endStatement();
        return List.copyOf(statements);
    }

    private void addToken() {
        if (start < 0) {
            start = lexer.start();
            line = lineAt(start);
            parenDepth = 0;
            routineBody.reset();
        }
        end = lexer.end();
        switch (lexer.kind()) {
            case OPEN_PAREN:
                if (parenDepth++ == 0) {
                    outerParenStart = lexer.start();
                }
                break;
            case CLOSE_PAREN:
                if (parenDepth > 0) {
                    parenDepth--;
                }
                break;
            default:
                break;
        }
        routineBody.token(lexer, parenDepth == 0);
    }

    private void endStatement() {
        if (start < 0) {
            return;
        }
        String sql = script.substring(start, end);
        if (copiesFromStdin(sql)) {
            throw new InvalidMigrationException(source, line, COPY_FROM_STDIN, COPY_FROM_STDIN_FIX);
        }
        statements.add(new SqlStatement(statements.size() + 1, sql, line));
        start = -1;
    }

    /** Whether the statement is {@code COPY ... FROM STDIN}, which only psql can feed. */
    private static boolean copiesFromStdin(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        if (!lexer.nextSignificant() || !lexer.isWord("COPY")) {
            return false;
        }
        int depth = 0;
        boolean afterFrom = false;
        while (lexer.nextSignificant()) {
            if (lexer.kind() == SqlLexer.Kind.OPEN_PAREN) {
                depth++;
            } else if (lexer.kind() == SqlLexer.Kind.CLOSE_PAREN && depth > 0) {
                depth--;
            } else if (depth == 0 && afterFrom && lexer.isWord("STDIN")) {
                return true;
            }
            afterFrom = depth == 0 && lexer.isWord("FROM");
        }
        return false;
    }

    private InvalidMigrationException unterminatedToken() {
        String problem;
        String fix;
        switch (lexer.kind()) {
            case COMMENT:
                problem = "unterminated /* comment starting here.";
                fix = "Close it with */ (block comments nest in"
                        + " PostgreSQL, so every /* inside it needs its own */).";
                break;
            case ESCAPE_STRING:
                problem = "unterminated E'...' string starting here.";
                fix = "Close it with ' (inside E'...' a backslash"
                        + " escapes the next character, so \\' does not end the string; write \\\\ for a"
                        + " backslash).";
                break;
            case QUOTED_IDENTIFIER:
                problem = "unterminated quoted identifier starting here.";
                fix = "Close it with \" (write \"\" for a quote" + " inside the name).";
                break;
            case DOLLAR_STRING:
                String tag = script.substring(lexer.start(), script.indexOf('$', lexer.start() + 1) + 1);
                problem = "unterminated dollar-quoted string starting here.";
                fix = "Close it with " + tag + ", the same tag that opens it.";
                break;
            default:
                problem = "unterminated quoted string starting here.";
                fix = "Close it with ' (write '' for a quote"
                        + " inside the string: a backslash escapes nothing in '...', only in E'...').";
                break;
        }
        return invalid(lexer.start(), problem, fix);
    }

    private InvalidMigrationException metaCommand() {
        int p = lexer.end();
        while (p < script.length() && (Character.isLetterOrDigit(script.charAt(p)) || script.charAt(p) == '_')) {
            p++;
        }
        if (p == lexer.end() && p < script.length() && !SqlLexer.isWhitespace(script.charAt(p))) {
            p++;
        }
        String command = script.substring(lexer.start(), p);
        return invalid(
                lexer.start(),
                "psql meta-command '" + command + "' is not SQL: Slipway sends each"
                        + " statement to the server itself.",
                "Remove it; " + metaCommandAdvice(command));
    }

    private static String metaCommandAdvice(String command) {
        switch (command) {
            case "\\c":
            case "\\connect":
                return "Slipway runs every migration on the database it is configured for.";
            case "\\i":
            case "\\ir":
            case "\\include":
            case "\\include_relative":
                return "put the included statements into this migration, or into a migration of their own.";
            case "\\copy":
                return "load the rows with INSERT statements, or COPY FROM a server-side file.";
            case "\\set":
            case "\\unset":
            case "\\gset":
                return "write the values of psql variables into the SQL itself.";
            default:
                return "a migration file holds only SQL statements.";
        }
    }

    private InvalidMigrationException invalid(int position, String problem, String fix) {
        return new InvalidMigrationException(source, lineAt(position), problem, Action.text(fix));
    }

    /** The 1-based line of a position; counting resumes where the last call stopped. */
    private int lineAt(int position) {
        if (position < countedTo) {
            countedTo = 0;
            linesCounted = 1;
        }
        for (; countedTo < position; countedTo++) {
            if (script.charAt(countedTo) == '\n') {
                linesCounted++;
            }
        }
        return linesCounted;
    }

    /**
     * Follows the body of a SQL-standard routine in a statement that begins {@code CREATE [OR REPLACE] FUNCTION}
     * or {@code PROCEDURE}, as psql does: outside parentheses, {@code BEGIN ATOMIC} opens the body, {@code CASE}
     * inside it opens a block, and {@code END} closes one. (psql counts any {@code BEGIN}; requiring
     * {@code ATOMIC} also splits {@code CREATE FUNCTION app.begin() ...} correctly.)
     */
    private static final class RoutineBody {

        private int words;
        private boolean create;
        private boolean createOr;
        private boolean createOrReplace;
        private boolean routine;
        private int pendingBegin = -1;
        private int depth;
        private int openedAt;

        void reset() {
            words = 0;
            create = false;
            createOr = false;
            createOrReplace = false;
            routine = false;
            pendingBegin = -1;
            depth = 0;
        }

        /** Takes the next token of the statement (comments excluded). */
        void token(SqlLexer lexer, boolean outsideParentheses) {
            int begin = pendingBegin;
            pendingBegin = -1;
            if (lexer.kind() != SqlLexer.Kind.WORD || !recognisesRoutine(lexer) || !outsideParentheses) {
                return;
            }
            if (begin >= 0 && lexer.isWord("ATOMIC")) {
                if (depth++ == 0) {
                    openedAt = begin;
                }
            } else if (lexer.isWord("BEGIN")) {
                pendingBegin = lexer.start();
            } else if (lexer.isWord("CASE") && depth > 0) {
                depth++;
            } else if (lexer.isWord("END") && depth > 0) {
                depth--;
            }
        }

        boolean isOpen() {
            return depth > 0;
        }

        int openedAt() {
            return openedAt;
        }

        /** Reads the leading words; true once they are CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
        private boolean recognisesRoutine(SqlLexer lexer) {
            switch (words++) {
                case 0:
                    create = lexer.isWord("CREATE");
                    return false;
                case 1:
                    routine = create && isRoutine(lexer);
                    createOr = create && lexer.isWord("OR");
                    return false;
                case 2:
                    createOrReplace = createOr && lexer.isWord("REPLACE");
                    return routine;
                case 3:
                    boolean recognised = routine;
                    routine = routine || (createOrReplace && isRoutine(lexer));
                    return recognised;
                default:
                    return routine;
            }
        }

        private static boolean isRoutine(SqlLexer lexer) {
            return lexer.isWord("FUNCTION") || lexer.isWord("PROCEDURE");
        }
    }
}
