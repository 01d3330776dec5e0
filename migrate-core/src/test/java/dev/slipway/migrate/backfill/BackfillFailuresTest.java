package dev.slipway.migrate.backfill;

import static dev.slipway.migrate.backfill.TestBackfills.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A batch that waits too long for a row the application holds is rolled back and retried with back-off; a
 * permanent error, or a transient one that outlasts the attempts, makes the backfill {@code FAILED} with an error
 * that names it, and once the cause is fixed {@code retry} lets it go on from its saved cursor.
 */
@PostgresTest
class BackfillFailuresTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(150);

    @Test
    void aBatchBlockedByARowLockIsRetriedUntilTheApplicationReleasesIt(TestDatabase db) throws Exception {
        TestBackfills.createUsers(db, "accounts", 2_000);
        List<String> retries = new CopyOnWriteArrayList<>();
        Backfills backfills = backfills(db, 20, retries);
        Backfill backfill = TestBackfills.displayName("accounts_display_name", "accounts");

        try (Connection application = db.connect()) {
            lockRow(application, "accounts", 1_000);
            CompletableFuture<BackfillStatus> run = TestBackfills.runInThread(backfills, backfill, StopSignal.create());
            await("two retries of the blocked batch", Duration.ofSeconds(30), () -> retries.size() >= 2);
            assertThat(run).isNotDone();
            application.rollback();

            BackfillStatus status = run.get(1, TimeUnit.MINUTES);

            assertThat(status.state()).as(status.lastError()).isEqualTo(BackfillState.COMPLETED);
            assertThat(status.rowsUpdated()).isEqualTo(2_000);
        }
        assertThat(retries).allSatisfy(error -> assertThat(error).containsIgnoringCase("lock"));
        assertThat(TestBackfills.rowsNotDone(db, "accounts")).isZero();
        assertThat(TestBackfills.rowsNotUpdatedOnce(db, "accounts"))
                .as("rolled-back attempts leave nothing")
                .isZero();
    }

    @Test
    void aLockHeldLongerThanEveryAttemptFailsTheBackfillAndRetryCompletesIt(TestDatabase db) throws Exception {
        TestBackfills.createUsers(db, "members", 2_000);
        List<String> retries = new CopyOnWriteArrayList<>();
        Backfills backfills = backfills(db, 3, retries);
        Backfill backfill = TestBackfills.displayName("members_display_name", "members");

        try (Connection application = db.connect()) {
            lockRow(application, "members", 1);
            BackfillStatus failed = backfills.run(backfill, StopSignal.create());

            assertThat(failed.state()).isEqualTo(BackfillState.FAILED);
            assertThat(retries).hasSize(2);
            assertThat(failed.lastError()).contains("members_display_name").containsIgnoringCase("lock");
            application.rollback();
        }
        assertThat(backfills.retry("members_display_name").state()).isEqualTo(BackfillState.RUNNING);
        BackfillStatus status = backfills.run(backfill, StopSignal.create());

        assertThat(status.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(status.lastError()).isNull();
        assertThat(TestBackfills.rowsNotDone(db, "members")).isZero();
        assertThat(TestBackfills.rowsNotUpdatedOnce(db, "members")).isZero();
    }

    @Test
    void aPermanentErrorFailsAtOnceAndRetryGoesOnFromTheSavedCursorOnceFixed(TestDatabase db) throws Exception {
        TestBackfills.createUsers(db, "customers", 5_000);
        db.execute("ALTER TABLE customers ADD CONSTRAINT display_name_not_reserved"
                + " CHECK (display_name <> 'user 3000')");
        List<String> retries = new CopyOnWriteArrayList<>();
        Backfills backfills = backfills(db, 10, retries);
        Backfill backfill = TestBackfills.displayName("customers_display_name", "customers");

        BackfillStatus failed = backfills.run(backfill, StopSignal.create());

        assertThat(failed.state()).isEqualTo(BackfillState.FAILED);
        assertThat(retries).as("a check violation is not retried").isEmpty();
        assertThat(failed.lastError()).contains("customers_display_name").contains("display_name_not_reserved");
        long doneBeforeFailure = 5_000 - TestBackfills.rowsNotDone(db, "customers");
        assertThat(doneBeforeFailure)
                .as("rows done by the batches before the failing one")
                .isPositive()
                .isLessThan(3_000);
        assertThat(failed.rowsUpdated()).isEqualTo(doneBeforeFailure);
        assertThat(backfills.run(backfill, StopSignal.create()).state())
                .as("a failed backfill runs no batch")
                .isEqualTo(BackfillState.FAILED);
        assertThat(5_000 - TestBackfills.rowsNotDone(db, "customers")).isEqualTo(doneBeforeFailure);

        db.execute("ALTER TABLE customers DROP CONSTRAINT display_name_not_reserved");
        BackfillStatus retried = backfills.retry("customers_display_name");
        assertThat(retried.state()).isEqualTo(BackfillState.RUNNING);
        assertThat(retried.lastError()).isNull();
        BackfillStatus status = backfills.run(backfill, StopSignal.create());

        assertThat(status.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(status.rowsUpdated()).isEqualTo(5_000);
        assertThat(TestBackfills.rowsNotDone(db, "customers")).isZero();
        assertThat(TestBackfills.rowsNotUpdatedOnce(db, "customers")).isZero();
    }

    /** Backfills with a short lock timeout and the given attempts, collecting the errors of retried batches. */
    private static Backfills backfills(TestDatabase db, int maxAttempts, List<String> retries) {
        return Backfills.builder(db.dataSource())
                .backfillConfig(TestBackfills.config().toBuilder()
                        .lockTimeout(LOCK_TIMEOUT)
                        .maxAttempts(maxAttempts)
                        .build())
                .listener(new BackfillListener() {
                    @Override
                    public void batchRetried(String backfill, int attempt, Duration backoff, String error) {
                        retries.add(error);
                    }
                })
                .build();
    }

    /** Locks one row in a transaction of the given connection, as the application would while it works on it. */
    private static void lockRow(Connection application, String table, long id) throws Exception {
        application.setAutoCommit(false);
        try (Statement statement = application.createStatement()) {
            statement.execute("SELECT * FROM " + table + " WHERE id = " + id + " FOR UPDATE");
        }
    }
}
