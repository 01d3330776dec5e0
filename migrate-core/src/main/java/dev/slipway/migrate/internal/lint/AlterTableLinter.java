package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.internal.sql.SqlLexer;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.Tokens;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the actions of one {@code ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, ...]}, each between the
 * commas at the top level of the statement, and keeps the {@link SchemaModel} up to date with what they change.
 */
final class AlterTableLinter {

    private static final Set<String> TABLE_CONSTRAINTS =
            Set.of("CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "EXCLUDE");

    private final SqlStatement statement;
    private final Tokens tokens;
    private final MigrationLint migration;
    private final Tokens.Name table;
    private final String t;

    private AlterTableLinter(SqlStatement statement, Tokens tokens, MigrationLint migration, Tokens.Name table) {
        this.statement = statement;
        this.tokens = tokens;
        this.migration = migration;
        this.table = table;
        this.t = table.written();
    }

    /** The table of {@code ALTER TABLE [IF EXISTS] [ONLY] name [*] ...}, or null when there is none. */
    static Tokens.Name alteredTable(Tokens tokens) {
        int i = tokens.skipIfExists(2);
        if (tokens.isWord(i, "ONLY")) {
            i++;
        }
        return tokens.name(i);
    }

    /** Where the first action of an {@code ALTER TABLE} of {@code table} starts. */
    static int firstAction(Tokens tokens, Tokens.Name table) {
        return tokens.isSymbol(table.next(), "*") ? table.next() + 1 : table.next();
    }

    static void lint(SqlStatement statement, Tokens tokens, MigrationLint migration) {
        if (tokens.isWords(2, "ALL", "IN", "TABLESPACE")) {
            setTablespace(statement, tokens, migration, null);
            return;
        }
        Tokens.Name table = alteredTable(tokens);
        if (table == null) {
            return;
        }
        int i = firstAction(tokens, table);
        AlterTableLinter linter = new AlterTableLinter(statement, tokens, migration, table);
        boolean strongLock = false;
        for (int[] action : tokens.split(i, tokens.size())) {
            strongLock |= linter.action(action[0], action[1]);
        }
        if (strongLock) {
            migration.locks(table, statement);
        }
    }

    /** Checks one action; returns whether it blocks reads or writes of the table (more than SHARE UPDATE EXCLUSIVE). */
    private boolean action(int from, int to) {
        switch (tokens.word(from)) {
            case "ADD" -> {
                int i = tokens.isWord(from + 1, "COLUMN") ? from + 2 : from + 1;
                if (i == from + 1 && TABLE_CONSTRAINTS.contains(tokens.word(i))) {
                    return addConstraint(i, to);
                }
                addColumn(tokens.skipIfExists(i), to);
                return true;
            }
            case "DROP" -> {
                if (!tokens.isWord(from + 1, "CONSTRAINT")) {
                    dropColumn(tokens.skipIfExists(tokens.isWord(from + 1, "COLUMN") ? from + 2 : from + 1));
                }
                return true;
            }
            case "ALTER" -> {
                return tokens.isWord(from + 1, "CONSTRAINT")
                        || alterColumn(tokens.isWord(from + 1, "COLUMN") ? from + 2 : from + 1, to);
            }
            case "VALIDATE" -> {
                validate(from + 2);
                return false;
            }
            case "RENAME" -> {
                rename(from + 1);
                return true;
            }
            case "SET" -> {
                return set(from + 1);
            }
            case "DETACH" -> {
                detach(from, to);
                return true;
            }
            case "ATTACH", "CLUSTER" -> {
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private void addColumn(int at, int to) {
        ColumnDefinition column = ColumnDefinition.read(tokens, at, to);
        if (column == null) {
            return;
        }
        migration.schema.column(table.key(), column.name(), column.type());
        if (column.notNull()) {
            migration.schema.notNullCheck(table.key(), null, column.name(), true);
        }
        migration.addedColumn(table.key(), column.name(), at >= 3 && tokens.isWords(at - 3, "IF", "NOT", "EXISTS"));
        if (column.referencedTable() != null) {
            migration.locks(tokens.name(tokens.find(at, to, "REFERENCES", tokens.depth(at)) + 1), statement);
        }
        if (migration.isNew(table.key())) {
            return;
        }
        String c = column.written();
        String type = column.type().written();
        String rewrite = "ACCESS EXCLUSIVE on " + t + " for the whole table rewrite";
        if (column.serial() || column.identity()) {
            String sequence = table.key() + "_" + column.name() + "_seq";
            String plainType = column.serial()
                    ? (column.type().base().equals("int8")
                            ? "bigint"
                            : column.type().base().equals("int2") ? "smallint" : "integer")
                    : type;
            migration.report(
                    Rule.ADDING_SERIAL_COLUMN,
                    statement,
                    rewrite,
                    "every existing row gets its number from the sequence, so PostgreSQL rewrites " + t
                            + " and rebuilds its indexes while reads and writes wait.",
                    "CREATE SEQUENCE " + sequence + ";\n"
                            + "ALTER TABLE " + t + " ADD COLUMN " + c + " " + plainType + ";\n"
                            + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT nextval('" + sequence + "');\n"
                            + "ALTER SEQUENCE " + sequence + " OWNED BY " + t + "." + c + ";\n"
                            + "-- then number the existing rows with a Backfill: .set(\"" + c + " = nextval('"
                            + sequence + "')\").where(\"" + c + " IS NULL\")");
        } else if (column.generatedStored()) {
            migration.report(
                    Rule.ADDING_STORED_GENERATED_COLUMN,
                    statement,
                    rewrite,
                    "the expression is computed for every existing row, so PostgreSQL rewrites " + t
                            + " while reads and writes wait.",
                    "ALTER TABLE " + t + " ADD COLUMN " + c + " " + type + ";  -- a plain column\n"
                            + "-- keep it computed with a BEFORE INSERT OR UPDATE trigger, and fill the existing rows"
                            + " with a Backfill");
        } else if (column.defaultSql() != null && volatileCall(column.defaultFunctions()) != null) {
            String function = volatileCall(column.defaultFunctions());
            migration.report(
                    Rule.ADDING_VOLATILE_DEFAULT,
                    statement,
                    rewrite,
                    "the default calls " + function + "(), which "
                            + (migration.schema.volatility(function) == FunctionVolatility.Volatility.VOLATILE
                                    ? "is volatile"
                                    : "Slipway does not know to be STABLE or IMMUTABLE (functions are VOLATILE unless"
                                            + " declared otherwise; if this one is declared STABLE or IMMUTABLE,"
                                            + " allow the finding)")
                            + ", so it is computed for every existing row and PostgreSQL rewrites " + t
                            + " while reads and writes wait.",
                    "ALTER TABLE " + t + " ADD COLUMN " + c + " " + type + ";\n"
                            + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT " + column.defaultSql()
                            + ";  -- for new rows only: no rewrite\n"
                            + "-- then fill the existing rows with a Backfill: .set(\"" + c + " = "
                            + column.defaultSql().replace("\"", "\\\"") + "\").where(\"" + c + " IS NULL\")");
        } else if (column.notNull() && column.defaultSql() == null) {
            migration.report(
                    Rule.ADDING_REQUIRED_COLUMN,
                    statement,
                    "ACCESS EXCLUSIVE on " + t + ", briefly",
                    "ADD COLUMN fails as soon as " + t + " has a row (the new column would be NULL in it), and once"
                            + " it is added, inserts from instances of the old version, which do not set " + c
                            + ", fail.",
                    "ALTER TABLE " + t + " ADD COLUMN " + c + " " + type + " NOT NULL DEFAULT <value>;"
                            + "  -- a constant default: no rewrite since PostgreSQL 11\n"
                            + "-- or add it nullable, fill it with a Backfill, and set NOT NULL in a contract migration"
                            + " (CHECK NOT VALID, VALIDATE, SET NOT NULL)");
        }
        if (column.referencedTable() != null) {
            String constraint = table.key() + "_" + column.name() + "_fkey";
            migration.report(
                    Rule.ADDING_FOREIGN_KEY_CONSTRAINT,
                    statement,
                    "SHARE ROW EXCLUSIVE on " + column.referencedTable() + " and ACCESS EXCLUSIVE on " + t
                            + " while every row of " + t + " is checked",
                    "writes to both tables wait for the whole check.",
                    "ALTER TABLE " + t + " ADD COLUMN " + c + " " + type + ";\n"
                            + "ALTER TABLE " + t + " ADD CONSTRAINT " + constraint + " FOREIGN KEY (" + c
                            + ") REFERENCES " + column.referencedTable() + " NOT VALID;\n"
                            + "-- then, in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes go on):\n"
                            + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + constraint + ";");
        }
        if (column.unique()) {
            String index = table.key() + "_" + column.name() + "_key";
            migration.report(
                    Rule.ADDING_UNIQUE_CONSTRAINT,
                    statement,
                    "ACCESS EXCLUSIVE on " + t + " while the unique index is built",
                    "reads and writes of " + t + " wait for the whole index build.",
                    "ALTER TABLE " + t + " ADD COLUMN " + c + " " + type + ";\n"
                            + "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + t + " (" + c + ");"
                            + "  -- in a migration of its own\n"
                            + "ALTER TABLE " + t + " ADD CONSTRAINT " + index + " UNIQUE USING INDEX " + index + ";");
        }
    }

    /**
     * The first function of a default that is volatile or unknown (PostgreSQL's default for a function is
     * {@code VOLATILE}), or null when every one is {@code STABLE} or {@code IMMUTABLE}: such a default is computed
     * once, so PostgreSQL 11+ adds the column without touching the rows.
     */
    private String volatileCall(List<String> functions) {
        return functions.stream()
                .filter(f -> {
                    FunctionVolatility.Volatility volatility = migration.schema.volatility(f);
                    return volatility == null || volatility == FunctionVolatility.Volatility.VOLATILE;
                })
                .findFirst()
                .orElse(null);
    }

    /** {@code ADD [CONSTRAINT name] {CHECK | UNIQUE | PRIMARY KEY | EXCLUDE | FOREIGN KEY} ...} */
    private boolean addConstraint(int from, int to) {
        String name = null;
        int i = from;
        if (tokens.isWord(i, "CONSTRAINT")) {
            Tokens.Name constraint = tokens.name(i + 1);
            name = constraint == null ? null : constraint.written();
            i += 2;
        }
        boolean notValid = false;
        for (int k = i; k < to; k++) {
            notValid |= tokens.depth(k) == tokens.depth(from) && tokens.isWords(k, "NOT", "VALID");
        }
        boolean isNew = migration.isNew(table.key());
        String kind = tokens.word(i);
        switch (kind) {
            case "CHECK" -> {
                recordNotNullCheck(tokens, from, to, table.key(), migration, !notValid);
                if (notValid && name != null) {
                    migration.addedNotValid(table.key(), key(name), Rule.CONSTRAINT_MISSING_NOT_VALID);
                }
                if (notValid || isNew) {
                    return true;
                }
                String constraint = name != null ? name : table.key() + "_check";
                migration.report(
                        Rule.CONSTRAINT_MISSING_NOT_VALID,
                        statement,
                        "ACCESS EXCLUSIVE on " + t + " while every row is checked",
                        "reads and writes of " + t + " wait for the whole scan.",
                        "ALTER TABLE " + t + " ADD CONSTRAINT " + constraint + " " + tokens.slice(i, to)
                                + " NOT VALID;\n"
                                + "-- then, in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes go on):\n"
                                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + constraint + ";");
                return true;
            }
            case "FOREIGN" -> {
                int references = tokens.find(i, to, "REFERENCES", tokens.depth(from));
                Tokens.Name referenced = references < 0 ? null : tokens.name(references + 1);
                migration.locks(referenced, statement);
                if (notValid && name != null) {
                    migration.addedNotValid(table.key(), key(name), Rule.ADDING_FOREIGN_KEY_CONSTRAINT);
                }
                if (notValid || isNew) {
                    return true;
                }
                String constraint = name != null ? name : table.key() + "_" + firstColumn(i + 2) + "_fkey";
                String r = referenced == null ? "the referenced table" : referenced.written();
                migration.report(
                        Rule.ADDING_FOREIGN_KEY_CONSTRAINT,
                        statement,
                        "SHARE ROW EXCLUSIVE on " + t + " and " + r + " while every row of " + t + " is checked",
                        "inserts, updates and deletes on both tables wait for the whole check.",
                        "ALTER TABLE " + t + " ADD CONSTRAINT " + constraint + " " + tokens.slice(i, to)
                                + " NOT VALID;\n"
                                + "-- then, in a later migration (SHARE UPDATE EXCLUSIVE on " + t + ", ROW SHARE on "
                                + r + ": writes go on):\n"
                                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + constraint + ";");
                return true;
            }
            case "UNIQUE", "PRIMARY", "EXCLUDE" -> {
                int using = tokens.find(i, to, "USING", tokens.depth(from));
                boolean existingIndex =
                        using >= 0 && tokens.isWord(using + 1, "INDEX") && !tokens.isWord(using + 2, "TABLESPACE");
                if (isNew || existingIndex) {
                    return true;
                }
                boolean primary = kind.equals("PRIMARY");
                int open = i;
                while (open < to && !tokens.isOpen(open)) {
                    open++;
                }
                String columns = open < to ? tokens.slice(open + 1, tokens.afterClose(open) - 1) : "...";
                String index = name != null
                        ? name
                        : table.key() + (primary ? "_pkey" : "_" + columns.replaceAll("[^\\w]+", "_") + "_key");
                String fix = kind.equals("EXCLUDE")
                        ? "-- an EXCLUDE constraint cannot use an index built beforehand: add it while the table is"
                                + " new, or enforce the rule with a unique index built CONCURRENTLY where one fits"
                        : "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + t + " (" + columns + ");"
                                + "  -- in a migration of its own\n"
                                + "ALTER TABLE " + t + " ADD CONSTRAINT " + index
                                + (primary ? " PRIMARY KEY" : " UNIQUE")
                                + " USING INDEX " + index + ";  -- instant"
                                + (primary
                                        ? "\n-- (the columns must already be NOT NULL, or SET NOT NULL scans the"
                                                + " table: see setting-not-null)"
                                        : "");
                migration.report(
                        Rule.ADDING_UNIQUE_CONSTRAINT,
                        statement,
                        "ACCESS EXCLUSIVE on " + t + " while the index is built",
                        "reads and writes of " + t + " wait for the whole index build.",
                        fix);
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    private String firstColumn(int open) {
        Tokens.Name column = tokens.isOpen(open) ? tokens.name(open + 1) : null;
        return column == null ? "column" : column.key();
    }

    private void dropColumn(int at) {
        Tokens.Name column = tokens.name(at);
        if (column == null) {
            return;
        }
        boolean isNew = migration.isNew(table.key()) || migration.isNewColumn(table.key(), column.key());
        migration.schema.dropColumn(table.key(), column.key());
        migration.droppedColumn(table.key(), column.key());
        if (isNew || !migration.expand()) {
            return;
        }
        String c = column.written();
        migration.report(
                Rule.DROPPING_COLUMN,
                statement,
                "ACCESS EXCLUSIVE on " + t + ", briefly (only the catalog changes)",
                "instances of the version before this deploy still read or write " + c + " until they stop (an"
                        + " INSERT or SELECT naming it, an ORM that lists every column), and fail as soon as it is"
                        + " gone. Drops belong in a contract migration, which runs once no old instance is left.",
                "-- stop using " + c + " in the application, then, in a contract migration:\n"
                        + "-- slipway:phase contract\nALTER TABLE " + t + " DROP COLUMN " + c + ";");
    }

    /** {@code ALTER [COLUMN] column {[SET DATA] TYPE type [COLLATE c] [USING expr] | SET NOT NULL | ...}} */
    private boolean alterColumn(int at, int to) {
        Tokens.Name column = tokens.name(at);
        if (column == null) {
            return true;
        }
        int i = column.next();
        if (tokens.isWords(i, "SET", "DATA", "TYPE") || tokens.isWord(i, "TYPE")) {
            changeType(column, tokens.isWord(i, "TYPE") ? i + 1 : i + 3, to);
        } else if (tokens.isWords(i, "SET", "NOT", "NULL")) {
            setNotNull(column);
        } else if (tokens.isWords(i, "SET", "STATISTICS")) {
            return false;
        }
        return true;
    }

    private void changeType(Tokens.Name column, int from, int to) {
        int depth = tokens.depth(from);
        int end = from;
        while (end < to
                && !(tokens.depth(end) == depth && (tokens.isWord(end, "USING") || tokens.isWord(end, "COLLATE")))) {
            end++;
        }
        ColumnType target = ColumnType.read(tokens, from, end);
        boolean using = tokens.contains(end, to, "USING", depth);
        ColumnType current = migration.schema.type(table.key(), column.key()).orElse(null);
        migration.schema.column(table.key(), column.key(), target);
        if (migration.isNew(table.key())) {
            return;
        }
        List<ColumnType> casts =
                using ? castsOfColumn(tokens.find(end, to, "USING", depth) + 1, to, column.key()) : List.of();
        String reason;
        if (casts == null) {
            reason = "the USING expression converts every row";
        } else if (current == null) {
            reason = null;
        } else {
            reason = null;
            ColumnType step = current;
            for (ColumnType next : concat(casts, target)) {
                reason = step.rewriteReason(next);
                if (reason != null) {
                    break;
                }
                step = next;
            }
            if (reason == null) {
                return;
            }
        }
        String c = column.written();
        String problem = reason != null
                ? reason + ", so PostgreSQL rewrites " + t + " and rebuilds its indexes while reads and writes wait."
                : "the migrations do not show " + c + "'s current type, and most type changes rewrite " + t
                        + " and rebuild its indexes while reads and writes wait (varchar(n) to a longer varchar or"
                        + " to text, or numeric(p,s) to a larger precision, do not: allow it if that is the case).";
        String newColumn = column.key() + "_new";
        migration.report(
                Rule.CHANGING_COLUMN_TYPE,
                statement,
                "ACCESS EXCLUSIVE on " + t + " for the whole table rewrite",
                problem,
                "ALTER TABLE " + t + " ADD COLUMN " + newColumn + " " + target.written() + ";\n"
                        + "-- write both columns from the application (or a trigger), copy the existing rows with a"
                        + " Backfill: .set(\"" + newColumn + " = " + c + "::" + target.written() + "\")\n"
                        + "-- then, in a contract migration, once every row is copied and no old instance runs:\n"
                        + "ALTER TABLE " + t + " DROP COLUMN " + c + ";\n"
                        + "ALTER TABLE " + t + " RENAME COLUMN " + newColumn + " TO " + c + ";");
    }

    private static List<ColumnType> concat(List<ColumnType> casts, ColumnType target) {
        List<ColumnType> all = new java.util.ArrayList<>(casts);
        all.add(target);
        return all;
    }

    /**
     * The types a {@code USING} expression in tokens [from, to) casts the column to, in order, when it is nothing
     * but the column and casts ({@code col}, {@code col::text}, {@code CAST(col AS varchar(1000))},
     * {@code (col)::varchar::text}); null for any other expression. PostgreSQL plans such a {@code USING} as it
     * plans the change without one: a binary-compatible cast does not rewrite the table.
     */
    private List<ColumnType> castsOfColumn(int from, int to, String columnKey) {
        while (from < to && tokens.isOpen(from) && tokens.afterClose(from) == to) {
            from++;
            to--;
        }
        if (from >= to) {
            return null;
        }
        int depth = tokens.depth(from);
        if (tokens.isWord(from, "CAST") && tokens.isOpen(from + 1) && tokens.afterClose(from + 1) == to) {
            int as = -1;
            for (int k = from + 2; k < to - 1; k++) {
                if (tokens.depth(k) == depth + 1 && tokens.isWord(k, "AS")) {
                    as = k;
                }
            }
            List<ColumnType> inner = as < 0 ? null : castsOfColumn(from + 2, as, columnKey);
            return inner == null || !isTypeOnly(as + 1, to - 1)
                    ? null
                    : concat(inner, ColumnType.read(tokens, as + 1, to - 1));
        }
        int cast = -1;
        for (int k = from; k + 1 < to; k++) {
            if (tokens.depth(k) == depth && tokens.isSymbol(k, ":") && tokens.isSymbol(k + 1, ":")) {
                cast = k;
            }
        }
        if (cast >= 0) {
            List<ColumnType> inner = castsOfColumn(from, cast, columnKey);
            return inner == null || !isTypeOnly(cast + 2, to)
                    ? null
                    : concat(inner, ColumnType.read(tokens, cast + 2, to));
        }
        Tokens.Name name = tokens.name(from);
        return name != null && name.next() == to && name.key().equals(columnKey) ? List.of() : null;
    }

    /** Whether tokens [from, to) are a type name only: words, dots, {@code []}, and numbers in parentheses. */
    private boolean isTypeOnly(int from, int to) {
        if (from >= to) {
            return false;
        }
        int depth = tokens.depth(from);
        for (int k = from; k < to; k++) {
            SqlLexer.Kind kind = tokens.kind(k);
            boolean ok = tokens.depth(k) == depth
                    ? kind == SqlLexer.Kind.WORD
                            || kind == SqlLexer.Kind.QUOTED_IDENTIFIER
                            || tokens.isSymbol(k, ".")
                            || tokens.isSymbol(k, "[")
                            || tokens.isSymbol(k, "]")
                            || kind == SqlLexer.Kind.OPEN_PAREN
                            || kind == SqlLexer.Kind.CLOSE_PAREN
                            || kind == SqlLexer.Kind.NUMBER
                    : kind == SqlLexer.Kind.NUMBER || tokens.isSymbol(k, ",");
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void setNotNull(Tokens.Name column) {
        if (migration.isNew(table.key()) || migration.schema.provenNotNull(table.key(), column.key())) {
            return;
        }
        String c = column.written();
        String check = table.key() + "_" + column.key() + "_not_null";
        migration.report(
                Rule.SETTING_NOT_NULL,
                statement,
                "ACCESS EXCLUSIVE on " + t + " while every row is checked for NULLs",
                "reads and writes of " + t + " wait for the whole scan.",
                "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                        + "-- in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes go on):\n"
                        + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";\n"
                        + "-- then, instant (PostgreSQL 12+ trusts the validated check instead of scanning):\n"
                        + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;\n"
                        + "ALTER TABLE " + t + " DROP CONSTRAINT " + check + ";");
    }

    /** {@code VALIDATE CONSTRAINT name}: after a NOT VALID add in the same transaction it gains nothing. */
    private void validate(int at) {
        Tokens.Name constraint = tokens.name(at);
        if (constraint == null) {
            return;
        }
        migration.schema.validated(table.key(), constraint.key());
        Rule rule = migration.addedNotValidHere(table.key(), constraint.key());
        if (rule == null || !migration.script.transactional() || migration.isNew(table.key())) {
            return;
        }
        migration.report(
                rule,
                statement,
                "ACCESS EXCLUSIVE on " + t + ", taken by the ADD CONSTRAINT earlier in this"
                        + " migration, while every row is checked",
                "the constraint was added NOT VALID in the same transaction, so the validation still runs under the"
                        + " lock of the ADD: NOT VALID gains nothing.",
                "-- move this statement into a later migration:\nALTER TABLE " + t + " VALIDATE CONSTRAINT "
                        + constraint.written() + ";");
    }

    /** {@code RENAME [COLUMN] a TO b}, {@code RENAME TO name}, {@code RENAME CONSTRAINT a TO b} */
    private void rename(int at) {
        if (tokens.isWord(at, "CONSTRAINT")) {
            return;
        }
        boolean isNew = migration.isNew(table.key());
        if (tokens.isWord(at, "TO")) {
            Tokens.Name to = tokens.name(at + 1);
            if (to == null) {
                return;
            }
            migration.schema.renameTable(table.key(), to.key());
            migration.renamedTable(table.key(), to.key());
            if (isNew) {
                migration.createdTable(to.key());
                return;
            }
            if (migration.expand()) {
                migration.reportUnlessViewReplaces(
                        table.key(),
                        Rule.RENAMING_TABLE,
                        statement,
                        "ACCESS EXCLUSIVE on " + t + ", briefly",
                        "instances of the version before this deploy still query " + t + " until they stop, and"
                                + " fail as soon as it is renamed.",
                        "ALTER TABLE " + t + " RENAME TO " + to.written() + ";\n"
                                + "CREATE VIEW " + t + " AS SELECT * FROM " + to.written() + ";"
                                + "  -- in the same migration: old instances keep working through the view\n"
                                + "-- then, in a contract migration once no old instance runs:\n"
                                + "-- slipway:phase contract\nDROP VIEW " + t + ";");
            }
            return;
        }
        Tokens.Name from = tokens.name(tokens.isWord(at, "COLUMN") ? at + 1 : at);
        if (from == null || !tokens.isWord(from.next(), "TO")) {
            return;
        }
        Tokens.Name to = tokens.name(from.next() + 1);
        if (to == null) {
            return;
        }
        String type = migration
                .schema
                .type(table.key(), from.key())
                .map(ColumnType::written)
                .orElse("<type>");
        migration.schema.renameColumn(table.key(), from.key(), to.key());
        isNew |= migration.isNewColumn(table.key(), from.key());
        migration.renamedColumn(table.key(), from.key(), to.key());
        if (isNew || !migration.expand()) {
            return;
        }
        migration.report(
                Rule.RENAMING_COLUMN,
                statement,
                "ACCESS EXCLUSIVE on " + t + ", briefly",
                "instances of the version before this deploy still read and write " + from.written()
                        + " until they stop, and fail as soon as it is renamed.",
                "ALTER TABLE " + t + " ADD COLUMN " + to.written() + " " + type + ";\n"
                        + "-- write both columns from the new version and copy the old values with a Backfill:"
                        + " .set(\"" + to.written() + " = " + from.written() + "\")\n"
                        + "-- then, in a contract migration once no old instance runs:\n"
                        + "-- slipway:phase contract\nALTER TABLE " + t + " DROP COLUMN " + from.written() + ";");
    }

    /** {@code SET TABLESPACE}, {@code SET LOGGED | UNLOGGED}, {@code SET (...)}, {@code SET WITHOUT CLUSTER}, ... */
    private boolean set(int at) {
        switch (tokens.word(at)) {
            case "TABLESPACE" -> setTablespace(statement, tokens, migration, table);
            case "LOGGED", "UNLOGGED" -> {
                if (!migration.isNew(table.key())) {
                    migration.report(
                            Rule.CHANGING_TABLE_PERSISTENCE,
                            statement,
                            "ACCESS EXCLUSIVE on " + t + " for the whole table rewrite",
                            "SET " + tokens.word(at) + " copies every row of " + t + " (and WAL-logs it for SET LOGGED)"
                                    + " while reads and writes wait.",
                            "-- create the table " + tokens.word(at) + " from the start; to change a live table, copy"
                                    + " it into a new one with a Backfill and switch over in a contract migration");
                }
            }
            case "WITHOUT", "STATISTICS" -> {
                return false;
            }
            default -> {
                return !tokens.isOpen(at);
            }
        }
        return true;
    }

    static void setTablespace(SqlStatement statement, Tokens tokens, MigrationLint migration, Tokens.Name relation) {
        if (relation != null && (migration.isNew(relation.key()) || migration.isNewIndex(relation.key()))) {
            return;
        }
        String what = relation == null ? "every table of the tablespace" : relation.written();
        migration.report(
                Rule.SETTING_TABLESPACE,
                statement,
                "ACCESS EXCLUSIVE on " + what + " while every page is copied",
                "reads and writes wait until the data is copied to the new tablespace.",
                "-- move a table online with pg_repack --tablespace, outside migrations; for an index, build a new"
                        + " one with CREATE INDEX CONCURRENTLY ... TABLESPACE <new> and drop the old one CONCURRENTLY");
    }

    /** {@code DETACH PARTITION name [CONCURRENTLY | FINALIZE]} */
    private void detach(int from, int to) {
        if (!tokens.isWord(from + 1, "PARTITION")
                || tokens.contains(from, to, "CONCURRENTLY", tokens.depth(from))
                || tokens.contains(from, to, "FINALIZE", tokens.depth(from))
                || migration.isNew(table.key())) {
            return;
        }
        Tokens.Name partition = tokens.name(from + 2);
        String p = partition == null ? "<partition>" : partition.written();
        migration.report(
                Rule.DETACH_PARTITION_WITHOUT_CONCURRENTLY,
                statement,
                "ACCESS EXCLUSIVE on " + t + " until the migration commits",
                "every query of " + t + ", whatever partition it reads, waits for the detach.",
                "ALTER TABLE " + t + " DETACH PARTITION " + p + " CONCURRENTLY;\n"
                        + "-- PostgreSQL 14+, in a migration of its own: it runs outside a transaction");
    }

    /**
     * Records a {@code [CONSTRAINT name] CHECK (column IS NOT NULL)} in tokens [from, to) for
     * {@link Rule#SETTING_NOT_NULL}; any other check is ignored.
     */
    static void recordNotNullCheck(
            Tokens tokens, int from, int to, String table, MigrationLint migration, boolean validated) {
        String name = null;
        int i = from;
        if (tokens.isWord(i, "CONSTRAINT")) {
            Tokens.Name constraint = tokens.name(i + 1);
            name = constraint == null ? null : constraint.key();
            i += 2;
        }
        if (!tokens.isWord(i, "CHECK") || !tokens.isOpen(i + 1)) {
            return;
        }
        Tokens.Name column = tokens.name(i + 2);
        if (column != null
                && column.next() == i + 3
                && tokens.isWords(i + 3, "IS", "NOT", "NULL")
                && tokens.afterClose(i + 1) == i + 7) {
            boolean notValid = tokens.contains(i, to, "VALID", tokens.depth(from));
            migration.schema.notNullCheck(table, name, column.key(), validated && !notValid);
        }
    }

    private static String key(String written) {
        return written.startsWith("\"")
                ? written.substring(1, written.length() - 1).replace("\"\"", "\"")
                : written.toLowerCase(Locale.ROOT);
    }
}
