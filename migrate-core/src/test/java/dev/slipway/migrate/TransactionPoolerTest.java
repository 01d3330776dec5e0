package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.test.PgBouncer;
import dev.slipway.migrate.test.PgBouncer.PoolMode;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One instance through a real PgBouncer in transaction mode: every operation that takes a lock or writes (migrate,
 * contract, resolve, rollback, heartbeat, a backfill) is refused before it touches the database, naming the pooler and
 * what was seen; reading the status still works. A session-mode PgBouncer without room for a second connection does
 * not hang the check: the migration goes on.
 */
@ExtendWith(PostgresExtension.class)
class TransactionPoolerTest {

    @Test
    void aSingleInstanceThroughATransactionPoolerIsRefusedBeforeAnythingRunsAndADirectConnectionIsNot(
            TestDatabase classDb, @TempDir Path dir) {
        TestDatabase db = classDb.createAnother("single");
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_runs", "CREATE TABLE runs (version int);\nINSERT INTO runs VALUES (1);")
                .add("2_more", "INSERT INTO runs VALUES (2);");
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.TRANSACTION, 4)) {
            Slipway slipway = Slipway.builder(bouncer.dataSource())
                    .config(files.config().build())
                    .build();

            assertThatThrownBy(slipway::migrate).isInstanceOfSatisfying(TransactionPoolerException.class, e -> {
                assertThat(e.getEvidence())
                        .contains("two connections open at the same time were served by the "
                                + "same server session (pg_backend_pid() ");
                assertThat(e.getMessage())
                        .startsWith("The connections Slipway was given go through a transaction "
                                + "pooler (such as PgBouncer with pool_mode=transaction)")
                        .contains("\n-> seen: " + e.getEvidence() + "\n")
                        .endsWith("Give Slipway a direct connection to PostgreSQL, bypassing the pooler: set the "
                                + "migration login's URL to jdbc:postgresql://<PostgreSQL host>:<port>/<database> with "
                                + "the migration login's user and the migration login's password (the application may "
                                + "keep using the pooler). Or let Slipway's connections go through a pool in session "
                                + "mode (pool_mode=session).");
            });
            assertThatThrownBy(slipway::migrate)
                    .as("the verdict is kept")
                    .isInstanceOf(TransactionPoolerException.class);

            assertThat(db.queryString("SELECT to_regclass('runs')::text")).isNull();
            assertThat(db.queryString("SELECT to_regclass('slipway_migrations')::text"))
                    .isNull();
            assertThat(advisoryLocks(db)).isZero();

            MigrateResult direct = Slipway.builder(db.dataSource())
                    .config(files.config().build())
                    .build()
                    .migrate();
            assertThat(direct.appliedCount()).isEqualTo(2);
            assertThat(db.queryLong("SELECT count(*) FROM runs")).isEqualTo(2);
        }
    }

    @Test
    void contractResolveRollbackAndHeartbeatAreRefusedTooWhileTheStatusCanStillBeRead(
            TestDatabase classDb, @TempDir Path dir) {
        TestDatabase db = classDb.createAnother("others");
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_base", "CREATE TABLE base (id int);")
                .add("2_drop", "-- slipway:phase contract\nDROP TABLE base;");
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.TRANSACTION, 1)) {
            Slipway slipway = Slipway.builder(bouncer.dataSource())
                    .config(files.config().build())
                    .build();

            assertThatThrownBy(slipway::heartbeat).isInstanceOf(TransactionPoolerException.class);
            assertThatThrownBy(slipway::contract).isInstanceOf(TransactionPoolerException.class);
            assertThatThrownBy(() -> slipway.resolve("1", Resolution.APPLIED))
                    .isInstanceOf(TransactionPoolerException.class);
            assertThatThrownBy(() -> slipway.rollback("0")).isInstanceOf(TransactionPoolerException.class);
            assertThat(slipway.status().migrations()).hasSize(2);

            assertThat(db.queryString("SELECT to_regclass('slipway_instances')::text"))
                    .isNull();
            assertThat(db.queryString("SELECT to_regclass('slipway_migrations')::text"))
                    .isNull();
            assertThat(advisoryLocks(db)).isZero();
        }
    }

    @Test
    void aBackfillIsRefusedBeforeItsLockAndChangesNothing(TestDatabase classDb) {
        TestDatabase db = classDb.createAnother("backfill");
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, display_name text)");
        db.execute("INSERT INTO users (id, name) SELECT g, 'user ' || g FROM generate_series(1, 100) g");
        Backfill backfill = Backfill.named("users_display_name")
                .table("users")
                .set("display_name = name")
                .where("display_name IS NULL")
                .build();
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.TRANSACTION, 4)) {
            Backfills backfills = Backfills.builder(bouncer.dataSource()).build();

            assertThatThrownBy(() -> backfills.run(backfill, StopSignal.create()))
                    .isInstanceOf(TransactionPoolerException.class)
                    .hasMessageContaining("-> seen: ");

            assertThat(db.queryLong("SELECT count(*) FROM users WHERE display_name IS NOT NULL"))
                    .isZero();
            assertThat(db.queryString("SELECT to_regclass('slipway_backfills')::text"))
                    .isNull();
            assertThat(advisoryLocks(db)).isZero();
        }
    }

    @Test
    void aSessionPoolerWithoutRoomForASecondConnectionDoesNotHangTheCheckAndMigrates(
            TestDatabase classDb, @TempDir Path dir) {
        TestDatabase db = classDb.createAnother("session_one");
        MigrationFiles files = new MigrationFiles(dir).add("1_runs", "CREATE TABLE runs (version int);");
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.SESSION, 1)) {
            MigrateResult result = Slipway.builder(bouncer.dataSource())
                    .config(files.config().build())
                    .build()
                    .migrate();

            assertThat(result.appliedCount()).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations WHERE finished_at IS NOT NULL"))
                    .isEqualTo(1);
            assertThat(advisoryLocks(db)).isZero();
        }
    }

    private static long advisoryLocks(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())");
    }
}
