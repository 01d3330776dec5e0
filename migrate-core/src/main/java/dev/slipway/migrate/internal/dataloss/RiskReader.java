package dev.slipway.migrate.internal.dataloss;

import dev.slipway.migrate.internal.lint.ColumnDefinition;
import dev.slipway.migrate.internal.sql.SqlStatements;
import dev.slipway.migrate.internal.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the {@link Risk}s of one statement from its tokens ({@link Tokens}: letter case, comments, quoting and
 * line breaks do not matter). Read:
 * <ul>
 *   <li>{@code ALTER TABLE [IF EXISTS] [ONLY] t [*] action [, ...]}, each action on its own: {@code ADD [COLUMN]},
 *       {@code ADD [CONSTRAINT n] UNIQUE | PRIMARY KEY (...)}, {@code ALTER [COLUMN] c SET NOT NULL},
 *       {@code DROP [COLUMN] [IF EXISTS] c};</li>
 *   <li>{@code CREATE UNIQUE INDEX [CONCURRENTLY] [[IF NOT EXISTS] n] ON [ONLY] t [USING m] (keys) [INCLUDE (...)]
 *       [NULLS [NOT] DISTINCT] [WITH (...)] [TABLESPACE s] [WHERE predicate]};</li>
 *   <li>{@code DROP TABLE [IF EXISTS] a [, ...] [CASCADE | RESTRICT]}.</li>
 * </ul>
 * Every other statement has none.
 */
final class RiskReader {

    /** Table constraints not checked here: PostgreSQL reports the rows that break a CHECK or foreign key itself. */
    private static final Set<String> OTHER_CONSTRAINTS = Set.of("CHECK", "FOREIGN", "EXCLUDE");

    private final Tokens tokens;
    private final List<Risk> risks = new ArrayList<>();

    private RiskReader(Tokens tokens) {
        this.tokens = tokens;
    }

    static List<Risk> read(String sql) {
        List<String> words = SqlStatements.leadingWords(sql, 3);
        boolean candidate = words.size() >= 2
                && (words.get(1).equals("TABLE")
                                && (words.get(0).equals("ALTER") || words.get(0).equals("DROP"))
                        || words.equals(List.of("CREATE", "UNIQUE", "INDEX")));
        if (!candidate) {
            return List.of(); // read no further into a large INSERT or a function body
        }
        Tokens tokens = Tokens.of(sql);
        RiskReader reader = new RiskReader(tokens);
        if (tokens.isWords(0, "ALTER", "TABLE")) {
            reader.alterTable();
        } else if (tokens.isWords(0, "CREATE", "UNIQUE", "INDEX")) {
            reader.createUniqueIndex();
        } else if (tokens.isWords(0, "DROP", "TABLE")) {
            reader.dropTable();
        }
        return List.copyOf(reader.risks);
    }

    private void alterTable() {
        int i = tokens.skipIfExists(2);
        boolean only = tokens.isWord(i, "ONLY");
        Tokens.Name table = tokens.name(only ? i + 1 : i);
        if (table == null) {
            return;
        }
        i = tokens.isSymbol(table.next(), "*") ? table.next() + 1 : table.next();
        for (int[] action : tokens.split(i, tokens.size())) {
            action(table, only, action[0], action[1]);
        }
    }

    private void action(Tokens.Name table, boolean only, int from, int to) {
        int offset = tokens.start(from);
        switch (tokens.word(from)) {
            case "ADD" -> {
                if (tokens.isWord(from + 1, "COLUMN")) {
                    addColumn(table, only, tokens.skipIfExists(from + 2), to, offset);
                } else if (tokens.isWord(from + 1, "CONSTRAINT")) {
                    addConstraint(table, from + 3, to, offset);
                } else if (tokens.isWord(from + 1, "UNIQUE") || tokens.isWords(from + 1, "PRIMARY", "KEY")) {
                    addConstraint(table, from + 1, to, offset);
                } else if (!OTHER_CONSTRAINTS.contains(tokens.word(from + 1))) {
                    addColumn(table, only, tokens.skipIfExists(from + 1), to, offset);
                }
            }
            case "ALTER" -> {
                if (tokens.isWord(from + 1, "CONSTRAINT")) {
                    return;
                }
                Tokens.Name column = tokens.name(tokens.isWord(from + 1, "COLUMN") ? from + 2 : from + 1);
                if (column != null
                        && column.parts().size() == 1
                        && tokens.isWords(column.next(), "SET", "NOT", "NULL")) {
                    risks.add(new Risk.SetNotNull(table, only, column, offset));
                }
            }
            case "DROP" -> {
                if (tokens.isWord(from + 1, "CONSTRAINT")) {
                    return;
                }
                Tokens.Name column =
                        tokens.name(tokens.skipIfExists(tokens.isWord(from + 1, "COLUMN") ? from + 2 : from + 1));
                if (column != null && column.parts().size() == 1) {
                    risks.add(new Risk.DropColumn(table, only, column, offset));
                }
            }
            default -> {}
        }
    }

    private void addColumn(Tokens.Name table, boolean only, int at, int to, int offset) {
        ColumnDefinition column = ColumnDefinition.read(tokens, at, to);
        if (column == null || !(column.notNull() || column.primaryKey())) {
            return;
        }
        boolean filled = column.serial()
                || column.identity()
                || column.generatedStored()
                || (column.defaultSql() != null && !isNull(column.defaultSql()));
        if (!filled) {
            risks.add(new Risk.AddRequiredColumn(
                    table, only, tokens.name(at), column.type().written(), column.primaryKey(), offset));
        }
    }

    /** Whether a default expression is the NULL literal, perhaps cast or in parentheses. */
    private static boolean isNull(String defaultSql) {
        String bare = defaultSql.replaceAll("[()\\s]", "").toUpperCase(Locale.ROOT);
        return bare.equals("NULL") || bare.startsWith("NULL::");
    }

    /** {@code UNIQUE [NULLS [NOT] DISTINCT] (columns) ...} or {@code PRIMARY KEY (columns) ...} at {@code at}. */
    private void addConstraint(Tokens.Name table, int at, int to, int offset) {
        boolean primaryKey = tokens.isWords(at, "PRIMARY", "KEY");
        if (!primaryKey && !tokens.isWord(at, "UNIQUE")) {
            return;
        }
        int i = primaryKey ? at + 2 : at + 1;
        boolean nullsNotDistinct = tokens.isWords(i, "NULLS", "NOT", "DISTINCT");
        if (nullsNotDistinct) {
            i += 3;
        } else if (tokens.isWords(i, "NULLS", "DISTINCT")) {
            i += 2;
        }
        if (!tokens.isOpen(i) || i >= to) {
            return; // UNIQUE USING INDEX: the index exists and is unique already
        }
        int close = tokens.afterClose(i) - 1;
        List<Risk.Key> keys = new ArrayList<>();
        for (int[] part : tokens.split(i + 1, close)) {
            Tokens.Name column = tokens.name(part[0]);
            if (column == null || column.next() != part[1] || column.parts().size() != 1) {
                return;
            }
            keys.add(new Risk.Key(column, null));
        }
        risks.add(new Risk.UniqueKey(table, keys, primaryKey, false, nullsNotDistinct, null, null, false, offset));
    }

    private void createUniqueIndex() {
        int i = 3;
        if (tokens.isWord(i, "CONCURRENTLY")) {
            i++;
        }
        boolean ifNotExists = tokens.isWords(i, "IF", "NOT", "EXISTS");
        if (ifNotExists) {
            i += 3;
        }
        String indexName = null;
        if (!tokens.isWord(i, "ON")) {
            Tokens.Name index = tokens.name(i);
            if (index == null) {
                return;
            }
            indexName = index.key();
            i = index.next();
        }
        if (!tokens.isWord(i, "ON")) {
            return;
        }
        boolean only = tokens.isWord(i + 1, "ONLY");
        Tokens.Name table = tokens.name(only ? i + 2 : i + 1);
        if (table == null) {
            return;
        }
        i = table.next();
        if (tokens.isWord(i, "USING")) {
            i += 2;
        }
        if (!tokens.isOpen(i)) {
            return;
        }
        int after = tokens.afterClose(i);
        List<Risk.Key> keys = new ArrayList<>();
        for (int[] part : tokens.split(i + 1, after - 1)) {
            Risk.Key key = indexKey(part[0], part[1]);
            if (key == null) {
                return;
            }
            keys.add(key);
        }
        i = after;
        boolean nullsNotDistinct = false;
        String predicate = null;
        while (i < tokens.size()) {
            if (tokens.isWord(i, "INCLUDE") || tokens.isWord(i, "WITH")) {
                i = tokens.isOpen(i + 1) ? tokens.afterClose(i + 1) : i + 1;
            } else if (tokens.isWords(i, "NULLS", "NOT", "DISTINCT")) {
                nullsNotDistinct = true;
                i += 3;
            } else if (tokens.isWord(i, "WHERE")) {
                predicate = tokens.source(i + 1, tokens.size());
                break;
            } else {
                i++;
            }
        }
        risks.add(new Risk.UniqueKey(
                table,
                keys,
                false,
                true,
                nullsNotDistinct,
                predicate,
                ifNotExists ? indexName : null,
                only,
                tokens.start(0)));
    }

    /**
     * One index element in tokens [from, to): {@code column}, {@code (expression)} or {@code function(...)}, each
     * perhaps followed by {@code COLLATE c}, an operator class, {@code ASC | DESC} and {@code NULLS FIRST | LAST}.
     * A collation is kept with the key, since it decides which values are equal.
     */
    private Risk.Key indexKey(int from, int to) {
        int end;
        Tokens.Name column = null;
        if (tokens.isOpen(from)) {
            end = tokens.afterClose(from);
        } else {
            Tokens.Name name = tokens.name(from);
            if (name == null) {
                return null;
            }
            if (tokens.isOpen(name.next())) {
                end = tokens.afterClose(name.next());
            } else if (name.parts().size() == 1) {
                column = name;
                end = name.next();
            } else {
                return null;
            }
        }
        if (tokens.isWord(end, "COLLATE")) {
            Tokens.Name collation = tokens.name(end + 1);
            if (collation == null) {
                return null;
            }
            return new Risk.Key(null, tokens.source(from, collation.next()));
        }
        return column != null ? new Risk.Key(column, null) : new Risk.Key(null, tokens.source(from, end));
    }

    private void dropTable() {
        int i = tokens.skipIfExists(2);
        for (int[] part : tokens.split(i, tokens.size())) {
            Tokens.Name table = tokens.name(part[0]);
            if (table != null) {
                risks.add(new Risk.DropTable(table, tokens.start(part[0])));
            }
        }
    }
}
