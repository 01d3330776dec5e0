package dev.slipway.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first estimate of a backfill's rows, as its progress and ETA use it, on tables whose statistics
 * ({@code pg_class.reltuples}) no longer tell the truth. Autovacuum is off for these tables, so that their statistics
 * stay as stale as the test left them.
 */
@ExtendWith(PostgresExtension.class)
class BackfillRowEstimateTest {

    private final TestDatabase db;

    BackfillRowEstimateTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void smallTableIsCountedWhateverItsStatisticsSay(TestInfo test) throws Exception {
        String table = table(test);
        insert(table, 1, 313);
        db.execute("ANALYZE " + table);
        insert(table, 314, 684);
        assertThat(reltuples(table)).as("the statistics are stale").isEqualTo(313);

        assertThat(firstEstimate(table)).isEqualTo(684);
    }

    @Test
    void largeTableCountsRowsInsertedSinceItsLastAnalyze(TestInfo test) throws Exception {
        String table = table(test);
        insert(table, 1, 100_000);
        db.execute("ANALYZE " + table);
        insert(table, 100_001, 300_000);
        assertThat(reltuples(table)).as("the statistics are stale").isEqualTo(100_000);

        assertThat(firstEstimate(table)).isCloseTo(300_000L, within(15_000L));
    }

    @Test
    void tableThatCannotBeAnalysedNowIsEstimatedFromItsSize(TestInfo test) throws Exception {
        String table = table(test);
        insert(table, 1, 100_000);
        db.execute("ANALYZE " + table);
        insert(table, 100_001, 300_000);

        long estimate;
        try (Connection other = db.connect();
                Statement statement = other.createStatement()) {
            // The lock a running autovacuum or CREATE INDEX CONCURRENTLY holds: ANALYZE would wait for it.
            other.setAutoCommit(false);
            statement.execute("LOCK TABLE " + table + " IN SHARE UPDATE EXCLUSIVE MODE");
            estimate = firstEstimate(table);
            other.rollback();
        }

        assertThat(estimate).isCloseTo(300_000L, within(15_000L));
        assertThat(reltuples(table))
                .as("not analysed: it did not wait for the lock")
                .isEqualTo(100_000);
    }

    @Test
    void largeTableWithRowsDeletedSinceItsLastAnalyzeIsAnalysedAgain(TestInfo test) throws Exception {
        String table = table(test);
        insert(table, 1, 300_000);
        db.execute("ANALYZE " + table);
        db.execute("DELETE FROM " + table + " WHERE id % 3 <> 0");
        // The deleting session reports its changes to the statistics a moment after it ends.
        TestBackfills.await(
                "the deletes counted in pg_stat_user_tables",
                Duration.ofSeconds(30),
                () -> db.queryLong("SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relid = '" + table
                                + "'::regclass")
                        >= 200_000);
        assertThat(reltuples(table)).as("the statistics are stale").isEqualTo(300_000);

        assertThat(firstEstimate(table)).isCloseTo(100_000L, within(5_000L));
        assertThat(reltuples(table))
                .as("the table's statistics are fresh again")
                .isCloseTo(100_000L, within(5_000L));
    }

    @Test
    void largeTableNeverAnalysedIsAnalysed(TestInfo test) throws Exception {
        String table = table(test);
        insert(table, 1, 300_000);
        assertThat(reltuples(table)).as("never analysed").isEqualTo(-1);

        assertThat(firstEstimate(table)).isCloseTo(300_000L, within(15_000L));
        assertThat(db.queryString("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relid = '" + table
                        + "'::regclass"))
                .isEqualTo("t");
    }

    /** A table of users with autovacuum off, in a schema of the test's name. */
    private String table(TestInfo test) {
        String schema = "est_"
                + test.getTestMethod().orElseThrow().getName().toLowerCase().replaceAll("[^a-z0-9]", "");
        db.execute("CREATE SCHEMA " + schema);
        String table = schema + ".users";
        db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text NOT NULL, display_name text)"
                + " WITH (autovacuum_enabled = false)");
        return table;
    }

    private void insert(String table, int from, int to) {
        db.execute("INSERT INTO " + table + " (id, name) SELECT g, 'user ' || g FROM generate_series(" + from + ", "
                + to + ") g");
    }

    private long reltuples(String table) {
        return db.queryLong("SELECT reltuples::bigint FROM pg_class WHERE oid = '" + table + "'::regclass");
    }

    /** The estimate the backfill starts with, as its listener and the endpoint see it; it stops right after. */
    private long firstEstimate(String table) throws Exception {
        String schema = table.substring(0, table.indexOf('.'));
        AtomicReference<Long> estimate = new AtomicReference<>();
        StopSignal.Manual stop = StopSignal.create();
        Backfills backfills = Backfills.builder(db.dataSource())
                .config(SlipwayConfig.builder().schema(schema).build())
                .backfillConfig(TestBackfills.config())
                .listener(new BackfillListener() {
                    @Override
                    public void backfillStarted(BackfillStatus status) {
                        estimate.set(status.rowsEstimated());
                        stop.requestStop();
                    }
                })
                .build();
        backfills.run(
                Backfill.named("estimated")
                        .schema(schema)
                        .table("users")
                        .set("display_name = name")
                        .where("display_name IS NULL")
                        .build(),
                stop);
        assertThat(estimate.get()).as("the estimate the backfill started with").isNotNull();
        assertThat(db.queryLong("SELECT rows_estimated FROM " + schema + ".slipway_backfills"))
                .as("the estimate saved")
                .isEqualTo(estimate.get());
        return estimate.get();
    }
}
