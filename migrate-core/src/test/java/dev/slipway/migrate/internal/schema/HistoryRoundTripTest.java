package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Histories;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema diff over the three project histories of {@code src/test/resources/histories} (Prisma's folders,
 * Flyway's dotted versions, Django's sqlmigrate output), each more than a hundred migrations applied by psql in
 * version order as {@code HistoriesOnAFreshDatabaseTest} orders them:
 *
 * <ol>
 *   <li>database A gets the first half of the history, B the whole of it; the plan from A to B, applied to A, must
 *       give A the pg_dump of B, and a second plan must be empty ({@link DiffCaseRoundTrip});</li>
 *   <li>the rows the first half's migrations wrote (seed data) are deleted from A before the plan: the comparison is
 *       of schemas, and a history that fills a new column before making it {@code NOT NULL} holds a step no schema
 *       diff can plan (the {@code Backfill} of an expand/contract split is the user's); the planner's data checks
 *       are tested elsewhere;</li>
 *   <li>the same from an empty database to the whole history.</li>
 * </ol>
 */
@ExtendWith(PostgresExtension.class)
class HistoryRoundTripTest {

    private final TestDatabase db;

    HistoryRoundTripTest(TestDatabase db) {
        this.db = db;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prisma", "django", "flyway"})
    void firstHalfOfTheHistoryIsPlannedToTheWhole(String history) {
        List<Path> files = Histories.migrationFilesInVersionOrder(history);
        assertThat(files).as("migrations of the %s history", history).hasSizeGreaterThanOrEqualTo(100);
        roundTrip(history, files.subList(0, files.size() / 2), files);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prisma", "django", "flyway"})
    void emptyDatabaseIsPlannedToTheWholeHistory(String history) {
        roundTrip(history, List.of(), Histories.migrationFilesInVersionOrder(history));
    }

    private void roundTrip(String history, List<Path> fromFiles, List<Path> toFiles) {
        try (DiffCaseDatabase from = DiffCaseDatabase.create(db, "from");
                DiffCaseDatabase to = DiffCaseDatabase.create(db, "to")) {
            applyWithPsql(from, fromFiles);
            deleteEveryRow(from);
            applyWithPsql(to, toFiles);
            DiffCaseRoundTrip.Outcome outcome = DiffCaseRoundTrip.run(from, to);
            assertThat(outcome.problems())
                    .as(
                            "%s history, %d migrations into A and %d into B (up to %s). The plan:%n%s%nWhat went"
                                    + " wrong:%n%s",
                            history,
                            fromFiles.size(),
                            toFiles.size(),
                            toFiles.isEmpty() ? "none" : toFiles.get(toFiles.size() - 1),
                            DiffCaseRoundTrip.describe(outcome.plan()),
                            String.join("\n\n", outcome.problems()))
                    .isEmpty();
        }
    }

    private static void deleteEveryRow(DiffCaseDatabase database) {
        database.apply("""
                DO $truncate$
                DECLARE
                    tables text;
                BEGIN
                    SELECT string_agg(format('%I.%I', n.nspname, c.relname), ', ') INTO tables
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
                      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e');
                    IF tables IS NOT NULL THEN
                        EXECUTE 'TRUNCATE ' || tables;
                    END IF;
                END
                $truncate$""", "deleting the rows of " + database);
    }

    private static void applyWithPsql(DiffCaseDatabase database, List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        SchemaDump.Outcome psql = SchemaDump.psql(database, files);
        assertThat(psql.exitCode())
                .as(
                        "psql exit code applying %d files up to %s; it said:%n%s",
                        files.size(), files.get(files.size() - 1), psql.stderr())
                .isZero();
    }
}
