package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link Rule#PREFER_ROBUST_STMTS}: in a migration that runs outside a transaction, statements that fail when they
 * run a second time although PostgreSQL has a form that does not. Slipway runs such a migration statement by
 * statement and records each one done; when it is stopped while a statement runs, it cannot tell whether that
 * statement took effect, so on the next start it runs it again only when that is harmless (see the engine's
 * {@code Resumption}) and otherwise leaves the migration {@code FAILED} for a person to resolve.
 * <ol>
 *   <li>{@code CREATE TABLE | SEQUENCE | SCHEMA | EXTENSION | MATERIALIZED VIEW | INDEX} without
 *       {@code IF NOT EXISTS}, except a named {@code CREATE INDEX CONCURRENTLY}: the runner looks that index up
 *       and skips a valid one or drops an INVALID one and builds it again.</li>
 *   <li>{@code CREATE INDEX CONCURRENTLY} without a name: a second run builds a second index, and no name to look
 *       up, so it needs a name (and then may say {@code IF NOT EXISTS}).</li>
 *   <li>{@code DROP <object>} without {@code IF EXISTS}.</li>
 *   <li>{@code ALTER TABLE} actions {@code ADD [COLUMN]} without {@code IF NOT EXISTS}, {@code DROP [COLUMN]} and
 *       {@code DROP CONSTRAINT} without {@code IF EXISTS}.</li>
 * </ol>
 */
final class RobustStatements {

    private static final Set<String> CREATE_IF_NOT_EXISTS = Set.of("TABLE", "SEQUENCE", "SCHEMA", "EXTENSION", "INDEX");
    private static final Set<String> DROP_IF_EXISTS = Set.of(
            "TABLE",
            "INDEX",
            "VIEW",
            "SEQUENCE",
            "SCHEMA",
            "TYPE",
            "DOMAIN",
            "FUNCTION",
            "PROCEDURE",
            "ROUTINE",
            "AGGREGATE",
            "EXTENSION",
            "TRIGGER",
            "DATABASE",
            "RULE",
            "POLICY",
            "COLLATION",
            "CONVERSION",
            "OPERATOR",
            "PUBLICATION",
            "SERVER",
            "STATISTICS");
    private static final Set<String> TABLE_CONSTRAINTS =
            Set.of("CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "EXCLUDE");

    private final Tokens tokens;
    /** Token indexes before which a clause is missing, and the clause. */
    private final List<Object[]> missing = new ArrayList<>();

    private String unnamedIndex;

    private RobustStatements(Tokens tokens) {
        this.tokens = tokens;
    }

    static void check(SqlStatement statement, Tokens tokens, MigrationLint migration) {
        if (migration.script.transactional()) {
            return;
        }
        RobustStatements check = new RobustStatements(tokens);
        switch (tokens.word(0)) {
            case "CREATE" -> check.create();
            case "DROP" -> check.drop();
            case "ALTER" -> check.alterTable();
            default -> {}
        }
        if (check.missing.isEmpty()) {
            return;
        }
        String clauses = check.missing.stream()
                .map(m -> (String) m[1])
                .distinct()
                .reduce((a, b) -> a + " / " + b)
                .orElse("");
        String problem = check.unnamedIndex != null
                ? "This migration runs outside a transaction, statement by statement. If Slipway is stopped while"
                        + " this build runs (a crash, a killed deploy), it cannot tell whether the index was built:"
                        + " run again it would build a second one, and an index without a name cannot be looked up,"
                        + " so the migration stops as FAILED until someone checks the database and resolves it."
                        + " A named index is looked up on the next start: skipped when valid, dropped and built"
                        + " again when INVALID."
                : "This migration runs outside a transaction, statement by statement. If Slipway is stopped while"
                        + " this statement runs (a crash, a killed deploy), it cannot tell whether the statement"
                        + " took effect; when it did, running it again fails, so the migration stops (FAILED) until"
                        + " someone checks the database and resolves it. With " + clauses + " the statement runs"
                        + " again harmlessly and the migration resumes by itself.";
        migration.report(Rule.PREFER_ROBUST_STMTS, statement, "", problem, check.fix() + ";");
    }

    /** The statement with the missing clauses put in, on one line. */
    private String fix() {
        StringBuilder fix = new StringBuilder();
        int from = 0;
        for (Object[] m : missing) {
            int at = (Integer) m[0];
            fix.append(tokens.slice(from, at)).append(' ').append((String) m[1]).append(' ');
            from = at;
        }
        fix.append(tokens.slice(from, tokens.size()));
        return fix.toString().replaceAll("\\s+", " ").strip();
    }

    private void missing(int at, String clause) {
        missing.add(new Object[] {at, clause});
    }

    private void create() {
        int i = 1;
        if (tokens.isWords(i, "OR", "REPLACE")) {
            return;
        }
        boolean materialized = false;
        while (List.of("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "MATERIALIZED", "UNIQUE")
                .contains(tokens.word(i))) {
            materialized |= tokens.isWord(i, "MATERIALIZED");
            i++;
        }
        String kind = tokens.word(i);
        if (!CREATE_IF_NOT_EXISTS.contains(kind) && !(materialized && kind.equals("VIEW"))) {
            return;
        }
        int at = i + 1;
        boolean concurrently = kind.equals("INDEX") && tokens.isWord(at, "CONCURRENTLY");
        if (concurrently) {
            at++;
        }
        if (tokens.isWords(at, "IF", "NOT", "EXISTS")) {
            return;
        }
        if (kind.equals("INDEX") && tokens.isWord(at, "ON")) {
            int on = at + (tokens.isWord(at + 1, "ONLY") ? 2 : 1);
            Tokens.Name table = tokens.name(on);
            int open = table == null ? -1 : table.next();
            while (open >= 0 && open < tokens.size() && !tokens.isOpen(open)) {
                open++;
            }
            Tokens.Name column = open >= 0 ? tokens.name(open + 1) : null;
            unnamedIndex = table == null
                    ? "<index_name>"
                    : table.key() + "_" + (column == null ? "expr" : column.key()) + "_idx";
            missing(at, "IF NOT EXISTS " + unnamedIndex);
            return;
        }
        if (concurrently) {
            return;
        }
        missing(at, "IF NOT EXISTS");
    }

    private void drop() {
        int i = tokens.isWord(1, "MATERIALIZED") || tokens.isWord(1, "FOREIGN") ? 2 : 1;
        int at;
        if (tokens.isWords(i, "TEXT", "SEARCH")) {
            at = i + 3;
        } else if (tokens.isWords(i, "EVENT", "TRIGGER")
                || tokens.isWords(i, "OPERATOR", "CLASS")
                || tokens.isWords(i, "OPERATOR", "FAMILY")) {
            at = i + 2;
        } else if (DROP_IF_EXISTS.contains(tokens.word(i))) {
            at = i + 1;
        } else {
            return;
        }
        if (tokens.isWord(at, "CONCURRENTLY")) {
            at++;
        }
        if (!tokens.isWords(at, "IF", "EXISTS")) {
            missing(at, "IF EXISTS");
        }
    }

    private void alterTable() {
        if (!tokens.isWord(1, "TABLE") || tokens.isWords(2, "ALL", "IN")) {
            return;
        }
        Tokens.Name table = AlterTableLinter.alteredTable(tokens);
        if (table == null) {
            return;
        }
        for (int[] action : tokens.split(AlterTableLinter.firstAction(tokens, table), tokens.size())) {
            int from = action[0];
            if (tokens.isWord(from, "ADD")) {
                int at = tokens.isWord(from + 1, "COLUMN") ? from + 2 : from + 1;
                if (at == from + 1 && TABLE_CONSTRAINTS.contains(tokens.word(at))) {
                    continue;
                }
                if (!tokens.isWords(at, "IF", "NOT", "EXISTS")) {
                    missing(at, "IF NOT EXISTS");
                }
            } else if (tokens.isWord(from, "DROP")) {
                int at = tokens.isWord(from + 1, "COLUMN") || tokens.isWord(from + 1, "CONSTRAINT")
                        ? from + 2
                        : from + 1;
                if (!tokens.isWords(at, "IF", "EXISTS")) {
                    missing(at, "IF EXISTS");
                }
            }
        }
    }
}
