package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resolve} takes the same migration lock as {@code migrate} and {@code contract}: while another session holds
 * it, a resolve waits (or gives up after {@code lockWaitTimeout}, naming the holder) and changes nothing; once the
 * lock is free, it resolves. The other session is a real one, as a migrating instance's would be.
 */
@ExtendWith(PostgresExtension.class)
class ResolveUnderMigrationLockTest {

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    ResolveUnderMigrationLockTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void interruptAMigration(@TempDir Path dir, TestInfo test) {
        schema = MigrationFiles.schemaFor("rl_", test);
        files = new MigrationFiles(dir)
                .add("1_base", "CREATE TABLE t (id int);")
                .add(
                        "2_steps",
                        "-- slipway:transaction off\n"
                                + "CREATE TABLE a (id int);\n"
                                + "ALTER TABLE a ADD COLUMN b int;");
        slipway(Duration.ofSeconds(10)).migrate();
        // As if the process died while running statement 2 of migration 2.
        db.execute("UPDATE " + schema + ".slipway_migrations SET finished_at = NULL, applied_steps = 1"
                + " WHERE version = '2'");
    }

    @Test
    void resolveGivesUpWhileAnotherSessionHoldsTheMigrationLockAndChangesNothing() throws Exception {
        try (Connection other = db.connect();
                Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + migrationLockKey() + ")");

            assertThatThrownBy(() -> slipway(Duration.ZERO).resolve("2", Resolution.APPLIED))
                    .isInstanceOf(LockWaitTimeoutException.class)
                    .hasMessageContaining("held by: pid");
        }
        assertThat(unfinishedAttemptsOfMigration2()).isEqualTo(1);
    }

    @Test
    void resolveWaitsForTheMigrationLockAndResolvesOnceItIsReleased() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection other = db.connect();
                Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + migrationLockKey() + ")");
            Future<MigrationInfo> resolving =
                    thread.submit(() -> slipway(Duration.ofMinutes(2)).resolve("2", Resolution.APPLIED));
            awaitSessionWaitingForTheLock();

            assertThat(resolving).isNotDone();
            assertThat(unfinishedAttemptsOfMigration2())
                    .as("nothing resolved while the lock is held")
                    .isEqualTo(1);

            s.execute("SELECT pg_advisory_unlock(" + migrationLockKey() + ")");
            assertThat(resolving.get(1, TimeUnit.MINUTES).state()).isEqualTo(MigrationState.APPLIED);
        } finally {
            thread.shutdownNow();
        }
        assertThat(unfinishedAttemptsOfMigration2()).isZero();
    }

    /** Until the resolving session is open and named by Slipway (it names it before it asks for the lock). */
    private void awaitSessionWaitingForTheLock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'slipway resolve%'")
                == 0) {
            assertThat(System.nanoTime())
                    .as("a session named 'slipway resolve' appeared")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private long migrationLockKey() {
        return AdvisoryLock.keyFor(schema, "slipway_migrations");
    }

    private long unfinishedAttemptsOfMigration2() {
        return db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE version = '2'"
                + " AND finished_at IS NULL AND rolled_back_at IS NULL");
    }

    private Slipway slipway(Duration lockWaitTimeout) {
        return Slipway.builder(db.dataSource())
                .config(files.config()
                        .schema(schema)
                        .lockWaitTimeout(lockWaitTimeout)
                        .build())
                .build();
    }
}
