package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.internal.discovery.Allowance;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.LintReport;
import dev.slipway.migrate.lint.LintSeverity;
import dev.slipway.migrate.lint.SlipwayLint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The migration linter. Without a database:
 * <ol>
 *   <li>Read the migrations in version order. Every statement of every migration updates the
 *       {@link SchemaModel} (column types, validated not-null checks), so that a later migration's type change
 *       is judged against the type an earlier one gave the column.</li>
 *   <li>Check each statement of the migrations to lint ({@link StatementLinter}): a table counts as existing
 *       unless the same migration created it.</li>
 *   <li>Given the {@link LiveSchema} (at {@code migrate()} and {@code contract()}, read from the catalog before the
 *       run), the migrations to lint are the run: before the first of them the model takes the column types from
 *       the catalog, and a table, index or column that an earlier migration of the run created is new as well
 *       ({@link RunObjects}); every other table is judged as a live one.</li>
 *   <li>At the end of a transactional migration, report when it locked more than one existing table.</li>
 *   <li>Check the migration's {@code -- slipway:allow} directives: an unknown rule or a missing reason is an
 *       error ({@value SlipwayLint#INVALID_ALLOW}) that no directive can allow.</li>
 *   <li>Drop the findings that an {@code -- slipway:allow} accepts for the whole file or for their statement.</li>
 * </ol>
 */
public final class Linter {

    private Linter() {}

    /** Lints every migration. */
    public static LintReport lintAll(List<MigrationScript> scripts) {
        return lint(scripts, script -> true);
    }

    /**
     * Lints the migrations that {@code toLint} accepts, reading all of them for what they tell about the schema.
     *
     * @param scripts every migration on disk, in version order
     */
    public static LintReport lint(List<MigrationScript> scripts, Predicate<MigrationScript> toLint) {
        return lint(scripts, toLint, null, FunctionVolatility.offline());
    }

    /**
     * Lints the migrations that {@code toLint} accepts as one run over the live schema: what the run creates is new.
     * The volatility of the functions that defaults call comes from {@code functions} (at {@code migrate()}: the live
     * catalog), unless a migration creates the function.
     *
     * @param scripts every migration on disk, in version order
     * @param live the schema before the run, or null to assume every earlier migration applied (the offline lint)
     */
    public static LintReport lint(
            List<MigrationScript> scripts,
            Predicate<MigrationScript> toLint,
            LiveSchema live,
            FunctionVolatility functions) {
        SchemaModel schema = new SchemaModel(functions);
        RunObjects run = live == null ? null : new RunObjects(live);
        boolean seeded = false;
        List<LintFinding> findings = new ArrayList<>();
        for (MigrationScript script : scripts) {
            boolean reporting = toLint.test(script);
            if (reporting && live != null && !seeded) {
                live.seed(schema);
                seeded = true;
            }
            MigrationLint migration = new MigrationLint(script, schema, reporting, reporting ? run : null);
            for (SqlStatement statement : script.statements()) {
                StatementLinter.lint(statement, migration);
            }
            if (reporting) {
                if (script.transactional()) {
                    multipleTablesLocked(migration);
                }
                migration.finish();
                checkAllowances(migration);
                findings.addAll(migration.findings());
            }
        }
        return new LintReport(findings);
    }

    private static void multipleTablesLocked(MigrationLint migration) {
        Map<String, MigrationLint.Locked> locked = migration.locked();
        if (locked.size() < 2) {
            return;
        }
        List<MigrationLint.Locked> tables = new ArrayList<>(locked.values());
        MigrationLint.Locked first = tables.get(0);
        // One statement that locks two tables (a foreign key locks the referenced table too) cannot be split.
        SqlStatement second = tables.stream()
                .map(table -> table.statements().get(0))
                .filter(statement -> statement != first.statements().get(0))
                .findFirst()
                .orElse(null);
        if (second == null) {
            return;
        }
        String others =
                tables.stream().skip(1).map(MigrationLint.Locked::written).collect(Collectors.joining(", "));
        StringBuilder fix = new StringBuilder("-- split it into one migration per table:\n");
        for (MigrationLint.Locked table : tables) {
            String numbers = table.statements().stream()
                    .map(s -> String.valueOf(s.number()))
                    .distinct()
                    .collect(Collectors.joining(", "));
            fix.append("--   ")
                    .append(table.written())
                    .append(": statement")
                    .append(numbers.contains(",") ? "s " : " ")
                    .append(numbers)
                    .append('\n');
        }
        fix.setLength(fix.length() - 1);
        migration.report(
                Rule.MULTIPLE_TABLES_LOCKED,
                second,
                "the lock on " + first.written() + " until the migration commits, while it waits for " + others,
                "the migration locks " + tables.size() + " existing tables in one transaction: while it waits for a"
                        + " busy one, the queries on the tables it already holds queue behind it, and a transaction"
                        + " that takes the same tables in another order deadlocks with it.",
                fix.toString());
    }

    private static void checkAllowances(MigrationLint migration) {
        MigrationScript script = migration.script;
        for (Allowance allowance : script.allowances()) {
            String written = "-- slipway:allow " + String.join(",", allowance.rules())
                    + (allowance.reason().isEmpty() ? "" : " " + allowance.reason());
            for (String id : allowance.rules()) {
                if (Rule.byId(id).isEmpty() && !id.equals(Rule.DATA_LOSS)) {
                    migration.add(invalidAllow(
                            script,
                            allowance,
                            written,
                            "'" + id + "' is not a rule of the" + " linter" + closest(id)
                                    + ", so the directive allows nothing.",
                            "-- slipway:allow <rule> <reason>, with one of: "
                                    + Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.joining(", "))
                                    + ", " + Rule.DATA_LOSS));
                }
            }
            if (allowance.reason().isEmpty()) {
                migration.add(invalidAllow(
                        script,
                        allowance,
                        written,
                        "the directive gives no reason; say why the"
                                + " finding is safe here, for the next person who reads the migration.",
                        written + " <why this is safe here, e.g. the table holds 20 rows>"));
            }
        }
    }

    private static LintFinding invalidAllow(
            MigrationScript script, Allowance allowance, String written, String problem, String fix) {
        return new LintFinding(
                SlipwayLint.INVALID_ALLOW,
                LintSeverity.ERROR,
                script.id(),
                script.source(),
                allowance.line(),
                allowance.statement(),
                written,
                "",
                problem,
                fix);
    }

    /** ", did you mean x?" for a near miss, or "". */
    private static String closest(String id) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Rule rule : Rule.values()) {
            int distance = distance(id, rule.id());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = rule.id();
            }
        }
        return bestDistance <= Math.max(2, id.length() / 4) ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
