package dev.slipway.migrate.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a single SQL statement is, judged from its tokens, as the migration runner needs to know it: whether it
 * can run inside a transaction, whether it is transaction control, and which index a concurrent build creates.
 *
 * <p>Every method reads the statement with {@link SqlLexer}, so comments, whitespace and letter case do not
 * matter and nothing inside a string, quoted identifier or dollar-quoted body is mistaken for a keyword. Reading
 * stops at a {@code ;} outside parentheses, so a statement may be passed with or without it. The statement is not
 * parsed: each check looks at the keywords that identify a command, in the positions PostgreSQL's grammar puts
 * them.
 */
public final class SqlStatements {

    private static final int LEADING_TOKENS = 16;

    private SqlStatements() {}

    /**
     * The statement's leading unquoted words, upper-cased: {@code ["CREATE", "INDEX", "CONCURRENTLY", "IDX"]}.
     * Stops at {@code max} words or at the first token that is not an unquoted word (a quoted identifier, a
     * literal, a parenthesis, an operator).
     */
    public static List<String> leadingWords(String sql, int max) {
        requireSql(sql);
        if (max < 0) {
            throw new IllegalArgumentException("'max' must not be negative");
        }
        List<String> words = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql);
        while (words.size() < max && lexer.nextSignificant() && lexer.kind() == SqlLexer.Kind.WORD) {
            words.add(Ascii.toUpperCase(lexer.text()));
        }
        return List.copyOf(words);
    }

    /**
     * Whether PostgreSQL refuses to run the statement inside a transaction block ({@code SQLSTATE 25001}).
     * True for:
     * <ul>
     *   <li>{@code CREATE [UNIQUE] INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY};</li>
     *   <li>{@code REINDEX ... CONCURRENTLY} (also as the option {@code REINDEX (CONCURRENTLY) ...}) and
     *       {@code REINDEX SCHEMA | DATABASE | SYSTEM};</li>
     *   <li>{@code VACUUM} in every form, and {@code CLUSTER} without a table;</li>
     *   <li>{@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY};</li>
     *   <li>{@code CREATE DATABASE}, {@code DROP DATABASE}, {@code ALTER DATABASE ... SET TABLESPACE},
     *       {@code CREATE TABLESPACE}, {@code DROP TABLESPACE}, {@code ALTER SYSTEM}, {@code DISCARD ALL};</li>
     *   <li>{@code CREATE SUBSCRIPTION}, unless {@code create_slot = false} or {@code connect = false};
     *       {@code DROP SUBSCRIPTION}; {@code ALTER SUBSCRIPTION ... REFRESH PUBLICATION},
     *       {@code ... SET | ADD | DROP PUBLICATION} unless {@code refresh = false},
     *       {@code ... SET (failover = ...)} and {@code ... SET (two_phase = false)};</li>
     *   <li>{@code COMMIT PREPARED}, {@code ROLLBACK PREPARED}.</li>
     * </ul>
     * What depends on the catalog is not seen here: {@code REINDEX} and {@code CLUSTER} of a partitioned table,
     * and whether a dropped subscription still has a replication slot (assumed: it has).
     */
    public static boolean cannotRunInTransaction(String sql) {
        Tokens tokens = Tokens.of(requireSql(sql), LEADING_TOKENS);
        switch (tokens.word(0)) {
            case "VACUUM":
                return true;
            case "CREATE":
                return createsIndexConcurrently(tokens)
                        || tokens.isWord(1, "DATABASE")
                        || tokens.isWord(1, "TABLESPACE")
                        || (tokens.isWord(1, "SUBSCRIPTION") && createsReplicationSlot(Tokens.of(sql)));
            case "DROP":
                return (tokens.isWord(1, "INDEX") && tokens.isWord(2, "CONCURRENTLY"))
                        || tokens.isWord(1, "DATABASE")
                        || tokens.isWord(1, "TABLESPACE")
                        || tokens.isWord(1, "SUBSCRIPTION");
            case "REINDEX":
                return reindexCannotRunInTransaction(Tokens.of(sql));
            case "ALTER":
                return tokens.isWord(1, "SYSTEM")
                        || (tokens.isWord(1, "DATABASE") && tokens.isWord(3, "SET") && tokens.isWord(4, "TABLESPACE"))
                        || (tokens.isWord(1, "TABLE") && detachesPartitionConcurrently(Tokens.of(sql)))
                        || (tokens.isWord(1, "SUBSCRIPTION")
                                && alterSubscriptionCannotRunInTransaction(Tokens.of(sql)));
            case "CLUSTER":
                return clustersWithoutTable(Tokens.of(sql));
            case "COMMIT":
            case "ROLLBACK":
                return tokens.isWord(1, "PREPARED");
            case "DISCARD":
                return tokens.isWord(1, "ALL");
            default:
                return false;
        }
    }

    /**
     * Whether the statement begins, ends or manages a transaction: {@code BEGIN}, {@code START TRANSACTION},
     * {@code COMMIT}, {@code END}, {@code ROLLBACK} (also {@code ROLLBACK TO SAVEPOINT}), {@code ABORT},
     * {@code SAVEPOINT}, {@code RELEASE}, {@code PREPARE TRANSACTION}. Not {@code COMMIT PREPARED} or
     * {@code ROLLBACK PREPARED}, which finish a different, prepared transaction, and not a {@code COMMIT} inside
     * a function or {@code DO} body, which is part of that statement.
     */
    public static boolean isTransactionControl(String sql) {
        Tokens tokens = Tokens.of(requireSql(sql), 3);
        switch (tokens.word(0)) {
            case "BEGIN":
            case "END":
            case "ABORT":
            case "SAVEPOINT":
            case "RELEASE":
                return true;
            case "START":
                return tokens.isWord(1, "TRANSACTION");
            case "COMMIT":
            case "ROLLBACK":
                return !tokens.isWord(1, "PREPARED");
            case "PREPARE":
                return tokens.isWord(1, "TRANSACTION") && tokens.kind(2) == SqlLexer.Kind.STRING;
            default:
                return false;
        }
    }

    /**
     * The index and table of {@code CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] table ...};
     * empty for any other statement and for a concurrent build without an index name.
     */
    public static Optional<ConcurrentIndexBuild> concurrentIndexBuild(String sql) {
        return indexBuild(sql).filter(build -> build.indexName() != null);
    }

    /**
     * The table of any {@code CREATE [UNIQUE] INDEX CONCURRENTLY [[IF NOT EXISTS] name] ON [ONLY] table ...}, named
     * or not, as written in the statement; empty for any other statement.
     */
    public static Optional<String> concurrentIndexTable(String sql) {
        return indexBuild(sql).map(ConcurrentIndexBuild::table);
    }

    /** A concurrent index build with its index name, or with a null name when the statement gives none. */
    private static Optional<ConcurrentIndexBuild> indexBuild(String sql) {
        Tokens tokens = Tokens.of(requireSql(sql), LEADING_TOKENS + 8);
        if (!createsIndexConcurrently(tokens)) {
            return Optional.empty();
        }
        int i = tokens.isWord(1, "UNIQUE") ? 4 : 3;
        if (tokens.isWord(i, "IF") && tokens.isWord(i + 1, "NOT") && tokens.isWord(i + 2, "EXISTS")) {
            i += 3;
        }
        String indexName = null;
        if (!tokens.isWord(i, "ON")) {
            Name index = Name.read(tokens, i);
            if (index == null || !tokens.isWord(index.next, "ON")) {
                return Optional.empty();
            }
            if (index.parts.size() == 1) {
                indexName = index.storedNames.get(0);
            }
            i = index.next;
        }
        i = tokens.isWord(i + 1, "ONLY") ? i + 2 : i + 1;
        Name table = Name.read(tokens, i);
        return table == null
                ? Optional.empty()
                : Optional.of(new ConcurrentIndexBuild(indexName, String.join(".", table.parts)));
    }

    private static boolean createsIndexConcurrently(Tokens tokens) {
        int index = tokens.isWord(1, "UNIQUE") ? 2 : 1;
        return tokens.isWord(0, "CREATE") && tokens.isWord(index, "INDEX") && tokens.isWord(index + 1, "CONCURRENTLY");
    }

    /** {@code REINDEX [ ( option [, ...] ) ] { INDEX | TABLE | SCHEMA | DATABASE | SYSTEM } [ CONCURRENTLY ] ...} */
    private static boolean reindexCannotRunInTransaction(Tokens tokens) {
        int i = 1;
        boolean concurrentlyOption = false;
        if (tokens.kind(1) == SqlLexer.Kind.OPEN_PAREN) {
            i = tokens.afterClose(1);
            for (int option = 2; option < i; option++) {
                if (tokens.isWord(option, "CONCURRENTLY") && tokens.depth(option) == 1) {
                    concurrentlyOption = !isFalse(tokens, option + 1);
                }
            }
        }
        switch (tokens.word(i)) {
            case "SCHEMA":
            case "DATABASE":
            case "SYSTEM":
                return true;
            default:
                return concurrentlyOption || tokens.isWord(i + 1, "CONCURRENTLY");
        }
    }

    /** {@code CLUSTER [ ( option [, ...] ) | VERBOSE ] [ table [ USING index ] ]}: without a table it clusters all. */
    private static boolean clustersWithoutTable(Tokens tokens) {
        int i = 1;
        if (tokens.kind(1) == SqlLexer.Kind.OPEN_PAREN) {
            i = tokens.afterClose(1);
        } else if (tokens.isWord(1, "VERBOSE")) {
            i = 2;
        }
        return i >= tokens.size();
    }

    private static boolean detachesPartitionConcurrently(Tokens tokens) {
        boolean detach = false;
        for (int i = 2; i < tokens.size(); i++) {
            if (tokens.depth(i) == 0) {
                detach = detach || (tokens.isWord(i, "DETACH") && tokens.isWord(i + 1, "PARTITION"));
                if (detach && tokens.isWord(i, "CONCURRENTLY")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The slot is created unless {@code create_slot = false}, or {@code connect = false} which implies it. */
    private static boolean createsReplicationSlot(Tokens tokens) {
        return !optionIsFalse(tokens, "CREATE_SLOT") && !optionIsFalse(tokens, "CONNECT");
    }

    /** {@code ALTER SUBSCRIPTION name action ...}: the actions that reach the publisher cannot be rolled back. */
    private static boolean alterSubscriptionCannotRunInTransaction(Tokens tokens) {
        String action = tokens.word(3);
        if (action.equals("REFRESH")) {
            return tokens.isWord(4, "PUBLICATION");
        }
        boolean changesPublications = action.equals("SET") || action.equals("ADD") || action.equals("DROP");
        if (changesPublications && tokens.isWord(4, "PUBLICATION")) {
            return !optionIsFalse(tokens, "REFRESH");
        }
        if (action.equals("SET") && tokens.kind(4) == SqlLexer.Kind.OPEN_PAREN) {
            return hasOption(tokens, "FAILOVER") || optionIsFalse(tokens, "TWO_PHASE");
        }
        return false;
    }

    private static String requireSql(String sql) {
        return Objects.requireNonNull(sql, "'sql' must not be null");
    }

    /** Whether a {@code WITH (...)} or {@code SET (...)} option list names the option. */
    private static boolean hasOption(Tokens tokens, String name) {
        return option(tokens, name) >= 0;
    }

    /** Whether a {@code WITH (...)} or {@code SET (...)} option list sets the option to false. */
    private static boolean optionIsFalse(Tokens tokens, String name) {
        int i = option(tokens, name);
        return i >= 0 && tokens.isSymbol(i + 1, "=") && isFalse(tokens, i + 2);
    }

    private static int option(Tokens tokens, String name) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.depth(i) == 1 && tokens.isWord(i, name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the token at {@code i} is a boolean false as PostgreSQL reads an option: false, off or 0. */
    private static boolean isFalse(Tokens tokens, int i) {
        SqlLexer.Kind kind = tokens.kind(i);
        String text = tokens.text(i);
        String value;
        if (kind == SqlLexer.Kind.WORD || kind == SqlLexer.Kind.NUMBER) {
            value = Ascii.toUpperCase(text);
        } else if (kind == SqlLexer.Kind.STRING && text.startsWith("'")) {
            value = Ascii.toUpperCase(text.substring(1, text.length() - 1));
        } else {
            return false;
        }
        return value.equals("FALSE") || value.equals("OFF") || value.equals("0");
    }

    /** A possibly qualified name: parts as written, and the stored name of each part. */
    private static final class Name {

        final List<String> parts = new ArrayList<>();
        final List<String> storedNames = new ArrayList<>();
        int next;

        /** Reads {@code part [. part ...]} starting at {@code i}; null when there is no name there. */
        static Name read(Tokens tokens, int i) {
            Name name = new Name();
            while (true) {
                SqlLexer.Kind kind = tokens.kind(i);
                if (kind != SqlLexer.Kind.WORD && kind != SqlLexer.Kind.QUOTED_IDENTIFIER) {
                    return null;
                }
                String part = tokens.text(i);
                char escape = '\\';
                i++;
                if (SqlIdentifiers.isUnicodeQuoted(part)
                        && tokens.isWord(i, "UESCAPE")
                        && tokens.kind(i + 1) == SqlLexer.Kind.STRING
                        && tokens.text(i + 1).length() == 3) {
                    escape = tokens.text(i + 1).charAt(1);
                    i += 2;
                }
                String stored = SqlIdentifiers.storedName(part, escape);
                if (stored == null) {
                    return null;
                }
                name.storedNames.add(stored);
                name.parts.add(SqlIdentifiers.isUnicodeQuoted(part) ? SqlIdentifiers.quote(stored) : part);
                if (tokens.kind(i) != SqlLexer.Kind.OTHER || !tokens.text(i).equals(".")) {
                    name.next = i;
                    return name;
                }
                i++;
            }
        }
    }
}
