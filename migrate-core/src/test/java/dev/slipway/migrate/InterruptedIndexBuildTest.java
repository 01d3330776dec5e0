package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code CREATE INDEX CONCURRENTLY} without an index name, interrupted for real: its backend is ended while the
 * build waits for an old snapshot, which leaves an INVALID index named by PostgreSQL. The next start recognises that
 * index by its definition, or, when it cannot tell it apart, names the candidates with the SQL to drop each.
 */
@ExtendWith(PostgresExtension.class)
class InterruptedIndexBuildTest {

    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, note text);\n"
            + "INSERT INTO orders SELECT g, g % 97, md5(g::text) FROM generate_series(1, 5000) g;";
    private static final String BUILD = "CREATE TABLE IF NOT EXISTS before_index (id int);\n"
            + "CREATE INDEX CONCURRENTLY ON orders (customer_id);\n"
            + "CREATE TABLE IF NOT EXISTS after_index (id int);";

    @Test
    void theOnlyInvalidIndexWithTheStatementsDefinitionIsDroppedAndBuiltAgain(TestDatabase db, @TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir).add("1_orders", ORDERS);
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema("proven").build())
                .build();
        slipway.migrate();
        // Someone's own build on another column, interrupted too: not the migration's, and left alone.
        interrupted(db, () -> byHand(db, "CREATE INDEX CONCURRENTLY ON proven.orders (note)"));
        files.add("2_orders_by_customer", BUILD);

        MigrationFailedException lost = interruptedMigration(db, slipway);

        assertThat(lost.getMessage())
                .as(lost.getMessage())
                .startsWith("Lost the connection to PostgreSQL while running migration 2_orders_by_customer statement 2"
                        + " (line 2) of ")
                .contains("terminating connection due to administrator command (SQLSTATE 57P01")
                .contains("-> applied: statement 1 (line 1) of 3, and they stay applied")
                .contains("the next start looks for the INVALID index that the build may have left on orders");
        assertThat(lost.getServerMessage()).isNull();
        assertThat(db.queryStrings(indexes("proven")))
                .containsExactly("orders_customer_id_idx false", "orders_note_idx false", "orders_pkey true");
        assertThat(db.queryString("SELECT applied_steps || ' ' || (finished_at IS NULL) || ' ' || (logs IS NULL)"
                        + " FROM proven.slipway_migrations WHERE version = '2'"))
                .isEqualTo("1 true true");

        MigrateResult result = slipway.migrate();

        assertThat(result.applied()).extracting(MigrationInfo::id).containsExactly("2_orders_by_customer");
        assertThat(db.queryStrings(indexes("proven")))
                .containsExactly("orders_customer_id_idx true", "orders_note_idx false", "orders_pkey true");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'proven'"
                        + " AND tablename IN ('before_index', 'after_index')"))
                .isEqualTo(2);
        assertThat(slipway.status().isUpToDate()).isTrue();
    }

    @Test
    void twoInvalidCandidatesAreListedWithTheSqlToDropEach(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir).add("1_orders", ORDERS);
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema("ambiguous").build())
                .build();
        slipway.migrate();
        // The same build tried by hand before the deploy, interrupted as well: two INVALID indexes match.
        interrupted(db, () -> byHand(db, "CREATE INDEX CONCURRENTLY ON ambiguous.orders (customer_id)"));
        files.add("2_orders_by_customer", BUILD);
        interruptedMigration(db, slipway);
        assertThat(db.queryStrings(indexes("ambiguous")))
                .containsExactly("orders_customer_id_idx false", "orders_customer_id_idx1 false", "orders_pkey true");

        String message = catchValidation(slipway);

        assertThat(message)
                .as(message)
                .startsWith("Migration 2_orders_by_customer was interrupted while it ran statement 2 (line 2 of ")
                .contains("a CREATE INDEX CONCURRENTLY without an index name")
                .contains("1 of its 3 statements are applied")
                .contains("cannot tell which of the INVALID indexes of ambiguous.orders it is (more than one has the "
                        + "statement's definition)")
                .contains("-> INVALID index \"ambiguous\".\"orders_customer_id_idx\" (same table and definition as "
                        + "statement 2; a name PostgreSQL gives an index without one): CREATE INDEX "
                        + "orders_customer_id_idx ON ambiguous.orders USING btree (customer_id); drop it with: "
                        + "DROP INDEX CONCURRENTLY IF EXISTS \"ambiguous\".\"orders_customer_id_idx\";")
                .contains("-> INVALID index \"ambiguous\".\"orders_customer_id_idx1\" (same table and definition as "
                        + "statement 2; a name PostgreSQL gives an index without one)")
                .contains("DROP INDEX CONCURRENTLY IF EXISTS \"ambiguous\".\"orders_customer_id_idx1\";")
                .contains("the next start drops what remains of the build and resumes at statement 2");
        assertThat(slipway.validate().problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).isEqualTo(message));
        assertThat(db.queryStrings(indexes("ambiguous")))
                .as("nothing dropped on a guess")
                .hasSize(3);

        // Drop the one made by hand, with the SQL the message gives: the build's own is then the only candidate.
        Matcher drop = Pattern.compile("DROP INDEX CONCURRENTLY IF EXISTS \"ambiguous\"\\.\"orders_customer_id_idx\";")
                .matcher(message);
        assertThat(drop.find()).isTrue();
        db.execute(drop.group());
        MigrateResult result = slipway.migrate();

        assertThat(result.applied()).extracting(MigrationInfo::id).containsExactly("2_orders_by_customer");
        assertThat(db.queryStrings(indexes("ambiguous")))
                .containsExactly("orders_customer_id_idx true", "orders_pkey true");
    }

    @Test
    void aValidIndexWithTheStatementsDefinitionMeansTheBuildFinishedBeforeTheInterruption(
            TestDatabase db, @TempDir Path dir) {
        MigrationFiles files = new MigrationFiles(dir).add("1_orders", ORDERS).add("2_orders_by_customer", BUILD);
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema("finished").build())
                .build();
        slipway.migrate();
        // A process killed right after the build committed, before its step was recorded.
        db.execute("DROP TABLE finished.after_index");
        db.execute("UPDATE finished.slipway_migrations SET finished_at = NULL, applied_steps = 1 WHERE version = '2'");

        assertThat(slipway.migrate().applied()).extracting(MigrationInfo::id).containsExactly("2_orders_by_customer");
        assertThat(db.queryStrings(indexes("finished")))
                .containsExactly("orders_customer_id_idx true", "orders_pkey true");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'finished'"
                        + " AND tablename = 'after_index'"))
                .isEqualTo(1);
    }

    /** Runs the statement on a connection of its own; fails when its backend is ended. */
    private static void byHand(TestDatabase db, String sql) {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String indexes(String schema) {
        return "SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = '" + schema + ".orders'::regclass ORDER BY c.relname";
    }

    private static String catchValidation(Slipway slipway) {
        try {
            slipway.migrate();
        } catch (MigrationValidationException e) {
            return e.getProblems().get(0).message();
        }
        throw new AssertionError("migrate() did not stop at the interrupted migration");
    }

    /** Runs the migration until its index build waits for an old snapshot, and ends the build's backend there. */
    private static MigrationFailedException interruptedMigration(TestDatabase db, Slipway slipway) throws Exception {
        CompletableFuture<MigrateResult>[] migration = new CompletableFuture[1];
        interrupted(db, () -> migration[0] = CompletableFuture.supplyAsync(slipway::migrate));
        try {
            migration[0].get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(MigrationFailedException.class);
            return (MigrationFailedException) e.getCause();
        }
        throw new AssertionError("the migration was not interrupted");
    }

    /**
     * Starts {@code build} (which runs a {@code CREATE INDEX CONCURRENTLY}, in this thread or another) while an open
     * snapshot makes the build wait in its last phase, ends the build's backend with {@code pg_terminate_backend}
     * there, and waits until it is gone.
     */
    private static void interrupted(TestDatabase db, Runnable build) throws Exception {
        try (Connection snapshot = db.connect()) {
            snapshot.setAutoCommit(false);
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement s = snapshot.createStatement()) {
                s.executeQuery("SELECT count(*) FROM pg_class").close();
            }
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    build.run();
                } catch (RuntimeException expected) {
                    // a build run here fails when its backend is ended
                }
            });
            String building = "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query LIKE '%CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'"
                    + " AND pid <> pg_backend_pid()";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (db.queryStrings(building).isEmpty()) {
                assertThat(System.nanoTime()).as("the index build never waited").isLessThan(deadline);
                Thread.sleep(50);
            }
            db.queryStrings("SELECT pg_terminate_backend(pid)::text FROM (" + building + ") b");
            while (!db.queryStrings(building.replace(" AND wait_event_type = 'Lock'", ""))
                    .isEmpty()) {
                assertThat(System.nanoTime())
                        .as("the ended build's backend never went")
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
            running.get(1, TimeUnit.MINUTES);
            snapshot.commit();
        }
    }
}
