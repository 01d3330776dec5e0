package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract phase: {@code migrate()} leaves contract migrations to {@code contract()}, which applies them once
 * every earlier migration is applied and no live instance ships an older version; until then {@code status()} shows
 * them AWAITING with the reason.
 */
@ExtendWith(PostgresExtension.class)
class ContractTest {

    private final TestDatabase db;
    private MigrationFiles files;
    private MigrationFiles oldFiles;
    private String schema;

    ContractTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, @TempDir Path oldDir, TestInfo test) {
        files = new MigrationFiles(dir);
        oldFiles = new MigrationFiles(oldDir);
        schema = MigrationFiles.schemaFor("k_", test);
    }

    private Slipway slipway() {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }

    /** An instance of the previous release: it ships only the migrations in {@code oldFiles}. */
    private Slipway oldRelease(Duration heartbeatInterval) {
        return Slipway.builder(db.dataSource())
                .config(oldFiles.config()
                        .schema(schema)
                        .applicationName("shop")
                        .heartbeatInterval(heartbeatInterval)
                        .build())
                .build();
    }

    private boolean columnExists(String table, String column) {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = '" + table + "' AND column_name = '" + column + "'")
                == 1;
    }

    private MigrationInfo migration(Slipway slipway, String id) {
        return slipway.status().migrations().stream()
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void migrateLeavesContractMigrationsPendingAndAppliesTheExpandMigrationsAfterThem() {
        files.add("1_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text, display_name text);")
                .add("2_drop_name", "-- slipway:phase contract\nALTER TABLE users DROP COLUMN name;")
                .add("3_add_email", "ALTER TABLE users ADD COLUMN email text;");
        Slipway slipway = slipway();

        MigrateResult migrated = slipway.migrate();

        assertThat(migrated.applied()).extracting(MigrationInfo::id).containsExactly("1_create_users", "3_add_email");
        assertThat(columnExists("users", "name")).isTrue();
        assertThat(columnExists("users", "email")).isTrue();
        MigrationInfo contract = migration(slipway, "2_drop_name");
        assertThat(contract.phase()).isEqualTo(MigrationPhase.CONTRACT);
        assertThat(contract.state()).isEqualTo(MigrationState.PENDING);
        assertThat(contract.awaitingReason()).isNull();
        assertThat(slipway.migrate().appliedCount()).isZero();
        assertThat(columnExists("users", "name")).isTrue();

        ContractResult contracted = slipway.contract();

        assertThat(contracted.applied()).extracting(MigrationInfo::id).containsExactly("2_drop_name");
        assertThat(contracted.applied()).allSatisfy(m -> assertThat(m.state()).isEqualTo(MigrationState.APPLIED));
        assertThat(contracted.awaiting()).isEmpty();
        assertThat(columnExists("users", "name")).isFalse();
        assertThat(db.queryStrings("SELECT version || ' ' || phase FROM " + schema + ".slipway_migrations"
                        + " WHERE finished_at IS NOT NULL ORDER BY started_at"))
                .containsExactly("1 expand", "3 expand", "2 contract");
        assertThat(slipway.status().isUpToDate()).isTrue();
        assertThat(slipway.contract().appliedCount()).isZero();
    }

    @Test
    void aRestartWithOnlyContractMigrationsPendingDoesNotWaitForTheLockButContractDoes() throws Exception {
        files.add("1_create", "CREATE TABLE t (id int, old text);")
                .add(
                        "2_drop_old",
                        "/* the release after 1 */\n-- slipway:phase contract\nALTER TABLE t DROP COLUMN old;");
        slipway().migrate();
        long key = dev.slipway.migrate.internal.lock.AdvisoryLock.keyFor(schema, "slipway_migrations");
        try (Connection other = db.connect();
                Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + key + ")");
            Slipway impatient = Slipway.builder(db.dataSource())
                    .config(files.config()
                            .schema(schema)
                            .lockWaitTimeout(Duration.ZERO)
                            .build())
                    .build();

            assertThat(impatient.migrate().appliedCount()).isZero();

            assertThatThrownBy(impatient::contract).isInstanceOf(LockWaitTimeoutException.class);
        }
        assertThat(slipway().contract().applied()).extracting(MigrationInfo::id).containsExactly("2_drop_old");
        assertThat(columnExists("t", "old")).isFalse();
    }

    @Test
    void aRestartWithOnlyContractMigrationsPendingReadsNoMoreThanTheirHeaders() {
        files.add("1_create", "CREATE TABLE t (id int);");
        slipway().migrate();
        files.add("2_broken_contract", "-- slipway:phase contract\nSELECT 'unterminated;");

        assertThat(slipway().migrate().appliedCount())
                .as("migrate() splits no file on this path")
                .isZero();

        assertThatThrownBy(() -> slipway().contract())
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("2_broken_contract");
        assertThatThrownBy(() -> slipway().status()).isInstanceOf(InvalidMigrationException.class);
        files.add("3_expand", "CREATE TABLE u (id int);");
        assertThatThrownBy(() -> slipway().migrate())
                .as("with an expand migration pending every file is checked")
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("2_broken_contract");
        assertThat(db.queryLong(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'u'"))
                .isZero();
    }

    @Test
    void aContractMigrationWaitsForEarlierExpandMigrationsThatMigrateHasNotAppliedYet() {
        files.add("1_create", "CREATE TABLE t (id int, old text);")
                .add("2_drop_old", "-- slipway:phase contract\nALTER TABLE t DROP COLUMN old;");
        Slipway slipway = slipway();

        ContractResult early = slipway.contract();

        assertThat(early.applied()).isEmpty();
        assertThat(early.awaiting()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("2_drop_old");
            assertThat(m.state()).isEqualTo(MigrationState.AWAITING);
            assertThat(m.awaitingReason())
                    .isEqualTo("waits for expand migration 1_create (PENDING: migrate() applies it)");
        });
        assertThat(migration(slipway, "2_drop_old").state()).isEqualTo(MigrationState.AWAITING);

        slipway.migrate();
        assertThat(slipway.contract().applied()).extracting(MigrationInfo::id).containsExactly("2_drop_old");
    }

    @Test
    void contractMigrationsAfterOneThatWaitsWaitForIt() {
        files.add("1_create", "CREATE TABLE t (id int, a text, b text);")
                .add(
                        "2_drop_a",
                        "-- slipway:phase contract\n-- slipway:requires-backfill t_copy_a\nALTER TABLE t DROP COLUMN a;")
                .add("3_drop_b", "-- slipway:phase contract\nALTER TABLE t DROP COLUMN b;")
                .add("4_add_c", "ALTER TABLE t ADD COLUMN c text;");
        Slipway slipway = slipway();
        slipway.migrate();

        ContractResult result = slipway.contract();

        assertThat(result.applied()).isEmpty();
        assertThat(result.awaiting())
                .extracting(MigrationInfo::id, MigrationInfo::awaitingReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2_drop_a", "backfill t_copy_a has not started"),
                        org.assertj.core.groups.Tuple.tuple("3_drop_b", "waits for contract migration 2_drop_a"));
        assertThat(columnExists("t", "a")).isTrue();
        assertThat(columnExists("t", "b")).isTrue();
        assertThat(columnExists("t", "c")).isTrue();
        assertThat(slipway.status().inState(MigrationState.AWAITING))
                .extracting(MigrationInfo::id)
                .containsExactly("2_drop_a", "3_drop_b");
    }

    @Test
    void aContractMigrationWaitsWhileALiveInstanceShipsAnOlderVersionAndAppliesOnceItLeaves() {
        oldFiles.add("1_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text, display_name text);");
        files.add("1_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text, display_name text);")
                .add("2_drop_name", "-- slipway:phase contract\nALTER TABLE users DROP COLUMN name;");
        Slipway old = oldRelease(SlipwayConfig.DEFAULT_HEARTBEAT_INTERVAL);
        old.migrate();
        old.heartbeat();
        Slipway current = slipway();
        current.migrate();
        current.heartbeat();

        ContractResult waiting = current.contract();

        assertThat(waiting.applied()).isEmpty();
        String reason = waiting.awaiting().get(0).awaitingReason();
        assertThat(reason)
                .isEqualTo("instance " + old.instanceId() + " on "
                        + old.instances().get(0).host()
                        + " (pid " + ProcessHandle.current().pid() + ", application shop) still runs an older version:"
                        + " its newest migration is 1");
        MigrationInfo awaiting = migration(current, "2_drop_name");
        assertThat(awaiting.state()).isEqualTo(MigrationState.AWAITING);
        assertThat(awaiting.awaitingReason()).isEqualTo(reason);
        assertThat(columnExists("users", "name")).isTrue();

        old.leave();

        assertThat(current.contract().applied()).extracting(MigrationInfo::id).containsExactly("2_drop_name");
        assertThat(columnExists("users", "name")).isFalse();
    }

    @Test
    void aContractMigrationAppliesOnceTheOlderInstanceStopsHeartbeating() throws Exception {
        oldFiles.add("1_create", "CREATE TABLE t (id int, old text);");
        files.add("1_create", "CREATE TABLE t (id int, old text);")
                .add("2_drop_old", "-- slipway:phase contract\nALTER TABLE t DROP COLUMN old;");
        Slipway old = oldRelease(Duration.ofMillis(200));
        old.migrate();
        old.heartbeat();
        Slipway current = slipway();
        current.heartbeat();
        assertThat(current.contract().awaiting()).extracting(MigrationInfo::id).containsExactly("2_drop_old");

        // The old instance crashed: it never heartbeats again, and its registration expires 3 x 200 ms later.
        await("the contract migration once the old instance's registration expired", () -> {
            current.heartbeat();
            return current.contract().appliedCount() == 1;
        });

        assertThat(columnExists("t", "old")).isFalse();
        assertThat(current.instances()).extracting(InstanceInfo::id).containsExactly(current.instanceId());
    }

    @Test
    void anInstanceOfTheNewReleaseDoesNotHoldTheContractMigrationBack() {
        files.add("1_create", "CREATE TABLE t (id int, old text);")
                .add("2_drop_old", "-- slipway:phase contract\nALTER TABLE t DROP COLUMN old;")
                .add("3_more", "CREATE TABLE u (id int);");
        Slipway first = slipway();
        Slipway second = slipway();
        first.migrate();
        first.heartbeat();
        second.heartbeat();

        assertThat(second.contract().applied()).extracting(MigrationInfo::id).containsExactly("2_drop_old");
    }

    /** Polls every 20 ms until the condition holds; fails after a minute naming what was awaited. */
    static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                fail("Waited a minute in vain for " + what);
            }
            Thread.sleep(20);
        }
    }
}
