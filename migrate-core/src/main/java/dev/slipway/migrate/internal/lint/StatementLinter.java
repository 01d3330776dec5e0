package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one statement against the rules and records what it creates, drops and locks. Each command is
 * recognised by its leading keywords in the positions PostgreSQL's grammar puts them; {@code ALTER TABLE} goes
 * to {@link AlterTableLinter}. The bodies of functions and {@code DO} blocks are not looked into.
 */
final class StatementLinter {

    private final SqlStatement statement;
    private final Tokens tokens;
    private final MigrationLint migration;

    /**
     * The commands whose rules read past their first word. Any other statement ({@code INSERT}, {@code SELECT},
     * {@code COPY}, {@code WITH}, ...) is read for its first word and its qualified names only, so that a data import
     * of millions of tokens is linted in bounded memory.
     */
    private static final java.util.Set<String> READ_WHOLE = java.util.Set.of(
            "CREATE",
            "DROP",
            "ALTER",
            "TRUNCATE",
            "VACUUM",
            "CLUSTER",
            "REINDEX",
            "REFRESH",
            "LOCK",
            "UPDATE",
            "DELETE");

    private final String sql;

    private StatementLinter(SqlStatement statement, MigrationLint migration) {
        this.statement = statement;
        this.sql = statement.sql();
        Tokens head = Tokens.of(sql, 1);
        this.tokens = READ_WHOLE.contains(head.word(0)) ? Tokens.of(sql) : head;
        this.migration = migration;
    }

    static void lint(SqlStatement statement, MigrationLint migration) {
        new StatementLinter(statement, migration).lint();
    }

    private void lint() {
        migration.mentions(sql);
        RobustStatements.check(statement, tokens, migration);
        switch (tokens.word(0)) {
            case "CREATE" -> create();
            case "DROP" -> drop();
            case "ALTER" -> alter();
            case "TRUNCATE" -> truncate();
            case "VACUUM" -> vacuum();
            case "CLUSTER" -> cluster();
            case "REINDEX" -> reindex();
            case "REFRESH" -> refresh();
            case "LOCK" -> lockTable();
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            default -> {}
        }
    }

    private void create() {
        int i = 1;
        if (tokens.isWord(i, "OR") && tokens.isWord(i + 1, "REPLACE")) {
            i += 2;
        }
        boolean materialized = false;
        while (List.of("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "MATERIALIZED", "RECURSIVE")
                .contains(tokens.word(i))) {
            materialized |= tokens.isWord(i, "MATERIALIZED");
            i++;
        }
        switch (tokens.word(i)) {
            case "TABLE" -> createTable(tokens.skipIfExists(i + 1));
            case "VIEW" -> {
                int at = tokens.skipIfExists(i + 1);
                Tokens.Name view = tokens.name(at);
                if (view != null && materialized) {
                    migration.createdMaterializedView(view, at != i + 1);
                } else if (view != null) {
                    migration.createdView(view.key());
                }
            }
            case "INDEX", "UNIQUE" -> createIndex();
            case "FUNCTION" -> createFunction(i + 1);
            case "DOMAIN" -> {
                Tokens.Name domain = tokens.name(i + 1);
                if (domain != null) {
                    migration.createdDomain(domain.key());
                }
            }
            case "TRIGGER", "CONSTRAINT" -> {
                int on = tokens.find(i, tokens.size(), "ON", 0);
                migration.locks(on < 0 ? null : tokens.name(on + 1), statement);
            }
            default -> {}
        }
    }

    /**
     * {@code CREATE [OR REPLACE] FUNCTION name (args) ... [IMMUTABLE | STABLE | VOLATILE] ...}: remembers its
     * volatility (VOLATILE unless declared), for the defaults that call it. The body is a string, so a keyword
     * inside it is not read as the function's.
     */
    private void createFunction(int at) {
        Tokens.Name function = tokens.name(at);
        if (function == null || !tokens.isOpen(function.next())) {
            return;
        }
        FunctionVolatility.Volatility volatility = FunctionVolatility.Volatility.VOLATILE;
        for (int i = tokens.afterClose(function.next()); i < tokens.size(); i++) {
            if (tokens.depth(i) == 0
                    && (tokens.isWord(i, "IMMUTABLE") || tokens.isWord(i, "STABLE") || tokens.isWord(i, "VOLATILE"))) {
                volatility = FunctionVolatility.Volatility.valueOf(tokens.word(i));
            }
            if (tokens.isWords(i, "BEGIN", "ATOMIC")) {
                break;
            }
        }
        migration.schema.function(function.key(), volatility);
    }

    private void createTable(int at) {
        Tokens.Name table = tokens.name(at);
        if (table == null) {
            return;
        }
        boolean ifNotExists = at >= 3 && tokens.isWords(at - 3, "IF", "NOT", "EXISTS");
        if (!migration.createdTable(table, ifNotExists)) {
            return; // IF NOT EXISTS on a table that exists: nothing is created
        }
        migration.schema.dropTable(table.key());
        if (!tokens.isOpen(table.next())) {
            return;
        }
        int end = tokens.afterClose(table.next()) - 1;
        for (int[] element : tokens.split(table.next() + 1, end)) {
            String first = tokens.word(element[0]);
            if (List.of("CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "EXCLUDE", "LIKE")
                    .contains(first)) {
                if (first.equals("CHECK") || first.equals("CONSTRAINT")) {
                    AlterTableLinter.recordNotNullCheck(tokens, element[0], element[1], table.key(), migration, true);
                }
                int references = tokens.find(element[0], element[1], "REFERENCES", tokens.depth(element[0]));
                if (references >= 0) {
                    migration.locks(tokens.name(references + 1), statement);
                }
                continue;
            }
            ColumnDefinition column = ColumnDefinition.read(tokens, element[0], element[1]);
            if (column != null) {
                migration.schema.column(table.key(), column.name(), column.type());
                if (column.notNull()) {
                    migration.schema.notNullCheck(table.key(), null, column.name(), true);
                }
            }
        }
    }

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table ...} */
    private void createIndex() {
        int i = 1;
        boolean unique = tokens.isWord(i, "UNIQUE");
        if (unique) {
            i++;
        }
        if (!tokens.isWord(i, "INDEX")) {
            return;
        }
        int afterIndex = i + 1;
        boolean concurrently = tokens.isWord(afterIndex, "CONCURRENTLY");
        int beforeName = concurrently ? afterIndex + 1 : afterIndex;
        i = tokens.skipIfExists(beforeName);
        boolean ifNotExists = i != beforeName;
        Tokens.Name index = null;
        if (!tokens.isWord(i, "ON")) {
            index = tokens.name(i);
            if (index == null) {
                return;
            }
            i = index.next();
        }
        if (!tokens.isWord(i, "ON")) {
            return;
        }
        i = tokens.isWord(i + 1, "ONLY") ? i + 2 : i + 1;
        Tokens.Name table = tokens.name(i);
        if (table == null) {
            return;
        }
        if (index != null) {
            migration.createdIndex(index, ifNotExists);
        }
        if (concurrently || migration.isNew(table.key())) {
            return;
        }
        migration.locks(table, statement);
        String t = table.written();
        migration.report(
                Rule.REQUIRE_CONCURRENT_INDEX_CREATION,
                statement,
                "SHARE on " + t + " for the whole index build",
                "inserts, updates and deletes on " + t + " wait until the index is built, minutes on a large table.",
                "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + tokens.slice(afterIndex, tokens.size())
                        + ";\n-- in a migration of its own: Slipway runs it outside a transaction, and drops the"
                        + " INVALID index a failed build leaves behind before it tries again");
    }

    private void drop() {
        switch (tokens.word(1)) {
            case "TABLE" -> dropTable();
            case "INDEX" -> dropIndex();
            case "DATABASE" -> dropDatabase();
            default -> {}
        }
    }

    /** {@code DROP TABLE [IF EXISTS] name [, ...] [CASCADE | RESTRICT]} */
    private void dropTable() {
        List<Tokens.Name> tables = names(tokens.skipIfExists(2));
        for (Tokens.Name table : tables) {
            boolean isNew = migration.isNew(table.key());
            migration.locks(table, statement);
            if (!isNew && migration.expand()) {
                migration.report(
                        Rule.DROPPING_TABLE,
                        statement,
                        "ACCESS EXCLUSIVE on " + table.written() + ", briefly",
                        "instances of the version before this deploy still query " + table.written()
                                + " until they stop, and fail as soon as it is gone. Drops belong in a contract"
                                + " migration, which runs once no instance of the old version is left.",
                        "-- stop using " + table.written() + " in the application, then, in a contract migration:\n"
                                + "-- slipway:phase contract\nDROP TABLE " + table.written() + ";");
            }
            migration.droppedTable(table.key());
        }
    }

    /** {@code DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)]} */
    private void dropDatabase() {
        Tokens.Name database = tokens.name(tokens.skipIfExists(2));
        String d = database == null ? "the database" : database.written();
        migration.report(
                Rule.DROPPING_DATABASE,
                statement,
                "",
                "DROP DATABASE deletes " + d + " with every schema, table and row in it, and no transaction can"
                        + " undo it (it runs outside one); with FORCE it also ends every session connected to it."
                        + " A migration replays on every environment, so the drop happens wherever the application"
                        + " is deployed.",
                "-- drop a database by hand, after a backup, outside migrations; to remove what a migration created"
                        + " in this database, drop those objects (in a contract migration)");
    }

    /** {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...] [CASCADE | RESTRICT]} */
    private void dropIndex() {
        if (tokens.isWord(2, "CONCURRENTLY")) {
            return;
        }
        List<Tokens.Name> indexes = names(tokens.skipIfExists(2));
        List<String> existing = indexes.stream()
                .filter(index -> !migration.isNewIndex(index.key()))
                .map(Tokens.Name::written)
                .toList();
        if (existing.isEmpty()) {
            return;
        }
        StringBuilder fix = new StringBuilder();
        for (String index : existing) {
            fix.append("DROP INDEX CONCURRENTLY IF EXISTS ").append(index).append(";\n");
        }
        fix.append("-- in a migration of its own: it runs outside a transaction, one index per statement");
        migration.report(
                Rule.REQUIRE_CONCURRENT_INDEX_DELETION,
                statement,
                "ACCESS EXCLUSIVE on the table of " + String.join(", ", existing) + " while it drops",
                "the drop itself is quick, but it queues behind every running query of the table, and every query"
                        + " after it queues behind the drop.",
                fix.toString());
    }

    private void alter() {
        switch (tokens.word(1)) {
            case "TABLE" -> AlterTableLinter.lint(statement, tokens, migration);
            case "DOMAIN" -> alterDomain();
            case "INDEX" -> {
                int set = tokens.find(2, tokens.size(), "SET", 0);
                if (set >= 0 && tokens.isWord(set + 1, "TABLESPACE")) {
                    AlterTableLinter.setTablespace(statement, tokens, migration, tokens.name(tokens.skipIfExists(2)));
                }
            }
            default -> {}
        }
    }

    /**
     * {@code ALTER DOMAIN name ADD [CONSTRAINT c] CHECK (...) [NOT VALID]}: without NOT VALID, PostgreSQL checks
     * every column of the domain in every table, holding SHARE on each of those tables (writes wait).
     */
    private void alterDomain() {
        Tokens.Name domain = tokens.name(2);
        if (domain == null || !tokens.isWord(domain.next(), "ADD")) {
            return;
        }
        int i = domain.next() + 1;
        String name = null;
        if (tokens.isWord(i, "CONSTRAINT")) {
            Tokens.Name constraint = tokens.name(i + 1);
            name = constraint == null ? null : constraint.written();
            i = constraint == null ? i + 1 : constraint.next();
        }
        for (int k = i; k < tokens.size(); k++) {
            if (tokens.depth(k) == 0 && tokens.isWords(k, "NOT", "VALID")) {
                return;
            }
        }
        if (migration.isNewDomain(domain.key())) {
            return;
        }
        String d = domain.written();
        String constraint = name != null ? name : domain.key() + "_check";
        migration.report(
                Rule.DOMAIN_CONSTRAINT_MISSING_NOT_VALID,
                statement,
                "SHARE on every table with a column of type " + d + " while each of their rows is checked",
                "inserts, updates and deletes on those tables wait until every value of the domain is checked.",
                "ALTER DOMAIN " + d + " ADD CONSTRAINT " + constraint + " " + tokens.slice(i, tokens.size())
                        + " NOT VALID;  -- checks new values at once, old ones not yet\n"
                        + "-- then, in a later migration of its own, when writes to those tables may wait for the scan"
                        + " (a domain's VALIDATE still takes SHARE on them):\n"
                        + "ALTER DOMAIN " + d + " VALIDATE CONSTRAINT " + constraint + ";");
    }

    /** {@code TRUNCATE [TABLE] [ONLY] name [*] [, ...] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]} */
    private void truncate() {
        int i = tokens.isWord(1, "TABLE") ? 2 : 1;
        List<Tokens.Name> tables = names(i);
        tables.forEach(table -> migration.locks(table, statement));
        if (!tokens.contains(i, tokens.size(), "CASCADE", 0)) {
            return;
        }
        String list =
                String.join(", ", tables.stream().map(Tokens.Name::written).toList());
        migration.report(
                Rule.TRUNCATE_CASCADE,
                statement,
                "ACCESS EXCLUSIVE on " + list + " and on every table that references it, directly or not",
                "CASCADE silently empties every table with a foreign key to " + list + ", and the tables that"
                        + " reference those; what it deletes depends on the schema, not on the migration.",
                "TRUNCATE " + list + ", <each referencing table you mean to empty>;\n-- name every table, so the"
                        + " migration says what it deletes (a TRUNCATE that misses one fails instead of cascading)");
    }

    /** {@code VACUUM FULL ...} or {@code VACUUM (FULL [true], ...) ...} */
    private void vacuum() {
        int i = 1;
        boolean full = false;
        if (tokens.isOpen(1)) {
            int end = tokens.afterClose(1);
            int option = tokens.find(2, end, "FULL", 1);
            full = option >= 0
                    && !List.of("FALSE", "OFF", "0").contains(tokens.word(option + 1))
                    && !tokens.text(option + 1).equals("0");
            i = end;
        } else {
            while (List.of("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE").contains(tokens.word(i))) {
                full |= tokens.isWord(i, "FULL");
                i++;
            }
        }
        if (!full) {
            return;
        }
        Tokens.Name table = tokens.name(i);
        if (table != null && migration.isNew(table.key())) {
            return;
        }
        String t = table == null ? "every table of the database" : table.written();
        migration.report(
                Rule.VACUUM_FULL,
                statement,
                "ACCESS EXCLUSIVE on " + t + " for the whole rewrite",
                "reads and writes wait until the table is copied and its indexes rebuilt.",
                "VACUUM (ANALYZE) " + (table == null ? "" : table.written()) + ";"
                        + "  -- makes the space reusable without blocking traffic\n"
                        + "-- to give the space back online, run pg_repack or pg_squeeze, outside migrations");
    }

    /** {@code CLUSTER [VERBOSE | (options)] [table [USING index]]}, or the old {@code CLUSTER index ON table}. */
    private void cluster() {
        int i = tokens.isOpen(1) ? tokens.afterClose(1) : tokens.isWord(1, "VERBOSE") ? 2 : 1;
        Tokens.Name table = tokens.name(i);
        if (table != null && tokens.isWord(table.next(), "ON")) {
            table = tokens.name(table.next() + 1);
        }
        if (table != null && migration.isNew(table.key())) {
            return;
        }
        migration.locks(table, statement);
        String t = table == null ? "every clustered table" : table.written();
        migration.report(
                Rule.CLUSTER,
                statement,
                "ACCESS EXCLUSIVE on " + t + " for the whole rewrite",
                "reads and writes wait until the table is copied in index order and its indexes rebuilt.",
                "-- reorder the table online with pg_repack --order-by, outside migrations;"
                        + " a migration should not need CLUSTER");
    }

    /** {@code REINDEX [(options)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] name} */
    private void reindex() {
        int i = 1;
        if (tokens.isOpen(1)) {
            int end = tokens.afterClose(1);
            int option = tokens.find(2, end, "CONCURRENTLY", 1);
            if (option >= 0 && !List.of("FALSE", "OFF").contains(tokens.word(option + 1))) {
                return;
            }
            i = end;
        }
        String kind = tokens.word(i);
        if (tokens.isWord(i + 1, "CONCURRENTLY")) {
            return;
        }
        Tokens.Name target = tokens.name(i + 1);
        if (target != null
                && (kind.equals("TABLE") && migration.isNew(target.key())
                        || kind.equals("INDEX") && migration.isNewIndex(target.key()))) {
            return;
        }
        String name = target == null ? "" : " " + target.written();
        if (kind.equals("SYSTEM")
                || target != null
                        && target.parts().size() > 1
                        && target.parts().get(0).equals("pg_catalog")) {
            migration.report(
                    Rule.REINDEX_WITHOUT_CONCURRENTLY,
                    statement,
                    "SHARE on each system catalog and ACCESS EXCLUSIVE on each of its indexes while it is rebuilt",
                    "DDL waits, and so do the queries (and new connections) that read a catalog through an index"
                            + " being rebuilt. PostgreSQL cannot rebuild system catalogs CONCURRENTLY.",
                    "-- system catalogs cannot be reindexed concurrently: REINDEX " + kind + name + " does not"
                            + " belong in a migration; run it by hand in a maintenance window"
                            + (kind.equals("SYSTEM")
                                    ? "\n-- to rebuild the application's indexes online instead, in"
                                            + " a migration of its own:\nREINDEX DATABASE CONCURRENTLY" + name
                                            + ";  -- skips the system catalogs"
                                    : ""));
            return;
        }
        migration.report(
                Rule.REINDEX_WITHOUT_CONCURRENTLY,
                statement,
                "SHARE on the table and ACCESS EXCLUSIVE on each index rebuilt, for the whole rebuild",
                "writes to the table wait, and so do the reads that would use the index.",
                "REINDEX " + kind + " CONCURRENTLY" + name + ";\n"
                        + "-- in a migration of its own: it runs outside a transaction");
    }

    /** {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]} */
    private void refresh() {
        if (!tokens.isWord(1, "MATERIALIZED") || !tokens.isWord(2, "VIEW") || tokens.isWord(3, "CONCURRENTLY")) {
            return;
        }
        Tokens.Name view = tokens.name(3);
        if (view == null || migration.isNewView(view.key())) {
            return;
        }
        String v = view.written();
        migration.report(
                Rule.REFRESH_WITHOUT_CONCURRENTLY,
                statement,
                "ACCESS EXCLUSIVE on " + v + " for the whole refresh",
                "every query of " + v + " waits until the view's query has run again.",
                "CREATE UNIQUE INDEX CONCURRENTLY ON " + v + " (<columns that identify a row>);  -- once\n"
                        + "REFRESH MATERIALIZED VIEW CONCURRENTLY " + v + ";");
    }

    /** {@code LOCK [TABLE] [ONLY] name [*] [, ...] [IN mode MODE] [NOWAIT]} */
    private void lockTable() {
        int i = tokens.isWord(1, "TABLE") ? 2 : 1;
        List<Tokens.Name> tables =
                names(i).stream().filter(t -> !migration.isNew(t.key())).toList();
        if (tables.isEmpty()) {
            return;
        }
        tables.forEach(table -> migration.locks(table, statement));
        int in = tokens.find(i, tokens.size(), "IN", 0);
        int modeEnd = tokens.find(i, tokens.size(), "MODE", 0);
        String mode = in >= 0 && modeEnd > in
                ? tokens.slice(in + 1, modeEnd).toUpperCase(java.util.Locale.ROOT)
                : "ACCESS EXCLUSIVE";
        String list =
                String.join(", ", tables.stream().map(Tokens.Name::written).toList());
        migration.report(
                Rule.LOCK_TABLE,
                statement,
                mode + " on " + list + " until the migration commits",
                "every later statement of the migration runs while " + list + " stays locked, and the queries that"
                        + " conflict with " + mode + " queue behind it.",
                "-- remove the LOCK: each statement takes the lock it needs, for as short as it can, and Slipway's"
                        + " lock_timeout keeps it from queueing for long");
    }

    /** {@code UPDATE [ONLY] table [*] [[AS] alias] SET ... [FROM ...] [WHERE ...]} */
    private void update() {
        int i = tokens.isWord(1, "ONLY") ? 2 : 1;
        Tokens.Name table = tokens.name(i);
        if (table == null || migration.isNew(table.key())) {
            return;
        }
        int set = tokens.find(i, tokens.size(), "SET", 0);
        int where = tokens.find(i, tokens.size(), "WHERE", 0);
        int from = tokens.find(i, tokens.size(), "FROM", 0);
        int returning = tokens.find(i, tokens.size(), "RETURNING", 0);
        int setEnd = firstPositive(from, where, returning, tokens.size());
        String assignments = set < 0 ? "..." : tokens.slice(set + 1, setEnd);
        String condition = where < 0 ? null : tokens.slice(where + 1, returning < 0 ? tokens.size() : returning);
        String t = table.written();
        migration.report(
                Rule.BULK_DATA_CHANGE,
                statement,
                "a row lock on every row it changes, until the migration commits",
                "on a large table the UPDATE runs long in one transaction; the application's updates of those"
                        + " rows wait, and so does startup.",
                "-- move the data change into a Backfill bean (batched, throttled, resumable, in the background):\n"
                        + "Backfill.named(\"" + table.key() + "_...\").table(\"" + t + "\")\n"
                        + "        .set(\"" + assignments.replace("\"", "\\\"") + "\")\n"
                        + (condition == null ? "" : "        .where(\"" + condition.replace("\"", "\\\"") + "\")\n")
                        + "        .build();");
    }

    /** {@code DELETE FROM [ONLY] table ...} */
    private void delete() {
        if (!tokens.isWord(1, "FROM")) {
            return;
        }
        int i = tokens.isWord(2, "ONLY") ? 3 : 2;
        Tokens.Name table = tokens.name(i);
        if (table == null || migration.isNew(table.key())) {
            return;
        }
        int where = tokens.find(i, tokens.size(), "WHERE", 0);
        int returning = tokens.find(i, tokens.size(), "RETURNING", 0);
        String condition = where < 0 ? "true" : tokens.slice(where + 1, returning < 0 ? tokens.size() : returning);
        String t = table.written();
        migration.report(
                Rule.BULK_DATA_CHANGE,
                statement,
                "a row lock on every row it deletes, until the migration commits",
                "on a large table the DELETE runs long in one transaction; the application's updates of those rows"
                        + " wait, and so does startup.",
                "-- delete in batches of short transactions, outside the migration (e.g. from a Java Backfill):\n"
                        + "DELETE FROM " + t + " WHERE ctid IN (SELECT ctid FROM " + t + " WHERE " + condition
                        + " LIMIT 1000);  -- repeated until it deletes nothing");
    }

    /** Names separated by commas from {@code i}, each possibly after ONLY and followed by {@code *}. */
    private List<Tokens.Name> names(int i) {
        List<Tokens.Name> names = new ArrayList<>();
        while (true) {
            if (tokens.isWord(i, "ONLY")) {
                i++;
            }
            Tokens.Name name = tokens.name(i);
            if (name == null) {
                return names;
            }
            names.add(name);
            i = name.next();
            if (tokens.isSymbol(i, "*")) {
                i++;
            }
            if (!tokens.isSymbol(i, ",")) {
                return names;
            }
            i++;
        }
    }

    private static int firstPositive(int... candidates) {
        int best = Integer.MAX_VALUE;
        for (int candidate : candidates) {
            if (candidate >= 0) {
                best = Math.min(best, candidate);
            }
        }
        return best;
    }
}
