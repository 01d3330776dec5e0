package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.MigrationFailedException;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MigrationFailedFailureAnalyzerTests {

    private static final String SOURCE = "classpath:db/migrations/20240301000000_add_orders/migration.sql";

    private final MigrationFailedFailureAnalyzer analyzer = new MigrationFailedFailureAnalyzer();

    @Test
    void describesMigrationStatementLineAndWhatPostgresSaid() {
        FailureAnalysis analysis = analyzer.analyze(wrapped(failure(
                "Nothing of this migration was applied (it runs in one transaction). Fix it and start again.")));

        assertThat(analysis.getDescription()).isEqualTo("""
                Migration 20240301000000_add_orders failed at statement 2, line 7, of %s.

                PostgreSQL said:
                    ERROR: relation "customers" does not exist (SQLSTATE 42P01)
                    DETAIL: Key (customer_id) is not present.
                    HINT: Create the table first.
                    POSITION: character 61 of the statement

                Statement 2:
                    CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id))""".formatted(SOURCE));
        assertThat(analysis.getAction())
                .isEqualTo(
                        "Nothing of this migration was applied (it runs in one transaction). Fix it and start again.");
    }

    @Test
    void takesTheAdviceOfTheCoreForWhatToDo() {
        FailureAnalysis analysis = analyzer.analyze(failure("This migration runs outside a transaction: 1 of its 3 "
                + "statements are applied. Fix the cause; the next run resumes at statement 2."));

        assertThat(analysis.getAction())
                .isEqualTo("This migration runs outside a transaction: 1 of its 3 statements "
                        + "are applied. Fix the cause; the next run resumes at statement 2.");
    }

    @Test
    void namesARepeatableMigrationByItsFileName() {
        String source = "classpath:db/migrations/R__order_views.sql";
        MigrationFailedException failure = new MigrationFailedException(
                SlipwayError.MIGRATION_FAILED,
                "Migration failed",
                Action.none(),
                null,
                "order_views",
                source,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                new SQLException("connection reset"));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription()).startsWith("Migration R__order_views failed of " + source);
        assertThat(analysis.getAction())
                .isEqualTo("Fix migration R__order_views in " + source + ", then start the application again.");
    }

    @Test
    void saysToFixTheFileWhenTheMessageGivesNoAdvice() {
        MigrationFailedException failure = new MigrationFailedException(
                SlipwayError.MIGRATION_FAILED,
                "Migration failed",
                Action.none(),
                "20240301000000",
                "add_orders",
                SOURCE,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                new SQLException("connection reset"));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription())
                .isEqualTo("Migration 20240301000000_add_orders failed of " + SOURCE + ".\n\nCause: connection reset");
        assertThat(analysis.getAction())
                .isEqualTo(
                        "Fix migration 20240301000000_add_orders in " + SOURCE + ", then start the application again.");
    }

    @Test
    void reportsALostConnectionAsTheDriversWordsNotPostgresSaid() {
        String description = "Lost the connection to PostgreSQL while running migration 20240301000000_add_orders "
                + "statement 2 (line 7) of " + SOURCE + ": An I/O error occurred while sending to the backend. "
                + "(SQLSTATE 08006; java.io.EOFException)";
        Action action = Action.text("The server may have stopped or the network failed; the next start resumes at "
                + "statement 2 (line 7), which is safe to run again. Check that PostgreSQL is running and reachable "
                + "from this host, then start again.");
        MigrationFailedException failure = new MigrationFailedException(
                SlipwayError.CONNECTION_LOST,
                description,
                action,
                "20240301000000",
                "add_orders",
                SOURCE,
                2,
                7,
                "CREATE INDEX CONCURRENTLY ON orders (customer_id)",
                "08006",
                null,
                null,
                null,
                0,
                null,
                "statement 1 (line 3) of 3, and they stay applied (it runs outside a transaction); whether statement 2 "
                        + "took effect is not known",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));

        FailureAnalysis analysis = this.analyzer.analyze(wrapped(failure));

        assertThat(analysis.getDescription()).isEqualTo("""
                Migration 20240301000000_add_orders failed at statement 2, line 7, of %s.

                Lost the connection to PostgreSQL (the driver said, not PostgreSQL):
                    An I/O error occurred while sending to the backend. (SQLSTATE 08006)

                Statement 2:
                    CREATE INDEX CONCURRENTLY ON orders (customer_id)

                Applied: statement 1 (line 3) of 3, and they stay applied (it runs outside a transaction); \
                whether statement 2 took effect is not known""".formatted(SOURCE));
        assertThat(analysis.getDescription()).doesNotContain("PostgreSQL said");
        assertThat(analysis.getAction())
                .startsWith("The server may have stopped or the network failed; the next "
                        + "start resumes at statement 2 (line 7)");
    }

    @Test
    void showsTheLockRetriesAndWhatIsAppliedWhenTheRetryBudgetIsSpent() {
        String description = "Migration 20240301000000_add_orders failed at statement 2 (line 7) of " + SOURCE + ":\n"
                + "ERROR: canceling statement due to lock timeout (SQLSTATE 55P03)";
        Action action = Action.of(
                "Find the transaction that held the lock ... Let it finish or end it, or raise {},"
                        + " then start again: the next start resumes at statement 2 (line 7).",
                Setting.DDL_RETRY_BUDGET);
        MigrationFailedException failure = new MigrationFailedException(
                SlipwayError.LOCK_RETRY_BUDGET_SPENT,
                description,
                action,
                "20240301000000",
                "add_orders",
                SOURCE,
                2,
                7,
                "ALTER TABLE orders ADD COLUMN note text",
                "55P03",
                "canceling statement due to lock timeout",
                null,
                null,
                0,
                "7 attempts over 16.2 s: statement 2 (line 7) kept waiting for a lock on table orders that "
                        + "another transaction held",
                "statement 1 (line 3) of 2, and they stay applied (it runs "
                        + "outside a transaction); statement 2 and those after it are not",
                new SQLException("canceling statement due to lock timeout", "55P03"));

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis.getDescription())
                .contains("PostgreSQL said:\n    ERROR: canceling statement due to lock " + "timeout (SQLSTATE 55P03)")
                .contains(
                        "\nGave up after 7 attempts over 16.2 s: statement 2 (line 7) kept waiting for a lock on table "
                                + "orders that another transaction held\n")
                .endsWith(
                        "\nApplied: statement 1 (line 3) of 2, and they stay applied (it runs outside a transaction); "
                                + "statement 2 and those after it are not");
        assertThat(analysis.getAction())
                .contains("or raise slipway.ddl.retry-budget, then start again")
                .endsWith("the next start resumes at statement 2 (line 7).");
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThat(analyzer.analyze(new IllegalStateException("something else")))
                .isNull();
    }

    /** As the core words it: what happened, the facts, what to do. */
    private static MigrationFailedException failure(String advice) {
        String description = "Migration 20240301000000_add_orders failed at statement 2 (line 7) of " + SOURCE + ":\n"
                + "ERROR: relation \"customers\" does not exist (SQLSTATE 42P01)\n"
                + "-> detail: Key (customer_id) is not present.\n"
                + "-> hint: Create the table first.\n"
                + "-> position: character 61 of the statement, line 7 of the file\n"
                + "-> statement 2: CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id))";
        return new MigrationFailedException(
                SlipwayError.MIGRATION_FAILED,
                description,
                Action.text(advice),
                "20240301000000",
                "add_orders",
                SOURCE,
                2,
                7,
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id))",
                "42P01",
                "relation \"customers\" does not exist",
                "Key (customer_id) is not present.",
                "Create the table first.",
                61,
                null,
                null,
                new SQLException("relation \"customers\" does not exist", "42P01"));
    }

    private static Throwable wrapped(Throwable failure) {
        return new BeanCreationException("slipwayMigrationInitializer", "Invocation of init method failed", failure);
    }
}
