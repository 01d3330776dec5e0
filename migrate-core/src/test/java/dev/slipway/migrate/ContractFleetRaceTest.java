package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
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
 * The race between a contract migration and an instance of the old release that starts at the same moment.
 * The contract migration re-checks the fleet inside its own transaction, holding the instance registry, so that
 * an old instance either is seen (the migration waits) or registers after the commit and then finds the contract
 * migration applied, which it does not ship (its startup fails instead of running old code on the new schema).
 */
@ExtendWith(PostgresExtension.class)
class ContractFleetRaceTest {

    private final TestDatabase db;
    private MigrationFiles files;
    private MigrationFiles oldFiles;
    private String schema;

    ContractFleetRaceTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, @TempDir Path oldDir, TestInfo test) {
        files = new MigrationFiles(dir);
        oldFiles = new MigrationFiles(oldDir);
        schema = MigrationFiles.schemaFor("r_", test);
        String create = "CREATE TABLE users (id bigint PRIMARY KEY, name text, display_name text);";
        oldFiles.add("1_create_users", create);
        files.add("1_create_users", create);
    }

    private Slipway newRelease(SlipwayListener... listeners) {
        Slipway.Builder builder = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).lintMode(LintMode.OFF).build());
        for (SlipwayListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    private Slipway oldRelease() {
        return Slipway.builder(db.dataSource())
                .config(oldFiles.config().schema(schema).applicationName("shop").build())
                .build();
    }

    private boolean nameExists() {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'users' AND column_name = 'name'")
                == 1;
    }

    @Test
    void anOldInstanceThatRegistersAfterTheCheckStopsTheContractMigrationInItsTransaction() {
        files.add("2_drop_name", "-- slipway:phase contract\nALTER TABLE users DROP COLUMN name;");
        Slipway old = oldRelease();
        // Registers the old instance between contract()'s check of the fleet and the migration's transaction.
        SlipwayListener registersOldInstance = new SlipwayListener() {
            @Override
            public void migrationStarted(MigrationInfo migration) {
                if (migration.phase() == MigrationPhase.CONTRACT) {
                    old.heartbeat();
                }
            }
        };
        Slipway slipway = newRelease(registersOldInstance);
        slipway.migrate();
        slipway.heartbeat();
        assertThat(slipway.instances())
                .as("the old instance is not registered yet")
                .hasSize(1);

        ContractResult result = slipway.contract();

        assertThat(result.applied()).isEmpty();
        assertThat(nameExists()).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE version = '2'"))
                .as("no attempt recorded: nothing ran")
                .isZero();
        MigrationInfo contract = slipway.status().migrations().get(1);
        assertThat(contract.state()).isEqualTo(MigrationState.AWAITING);
        assertThat(contract.awaitingReason()).contains(old.instanceId()).contains("older version");

        old.leave();
        assertThat(newRelease().contract().applied())
                .extracting(MigrationInfo::id)
                .containsExactly("2_drop_name");
        assertThat(nameExists()).isFalse();
    }

    @Test
    void anOldInstanceStartingWhileTheContractMigrationRunsWaitsAndThenFailsItsStartup() throws Exception {
        // The migration stops at an advisory lock that the test holds, so that the test decides when it commits.
        files.add(
                "2_drop_name",
                "-- slipway:phase contract\n-- slipway:lock-timeout 1min\n"
                        + "SELECT pg_advisory_xact_lock(4242);\nALTER TABLE users DROP COLUMN name;");
        Slipway slipway = newRelease();
        slipway.migrate();
        slipway.heartbeat();
        Slipway old = oldRelease();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (java.sql.Connection gate = db.connect();
                java.sql.Statement gateStatement = gate.createStatement()) {
            gateStatement.execute("SELECT pg_advisory_lock(4242)");
            Future<ContractResult> contract = threads.submit(slipway::contract);
            ContractTest.await(
                    "the contract migration's transaction holds the instance registry",
                    () -> heldLocks("ShareLock", true) == 1);

            // The old release starts as SlipwayMigrationInitializer does: register, then migrate.
            Future<?> oldStartup = threads.submit(() -> {
                old.heartbeat();
                old.migrate();
                return null;
            });
            ContractTest.await(
                    "the old instance's registration waits for the contract migration",
                    () -> heldLocks("RowExclusiveLock", false) == 1);
            gateStatement.execute("SELECT pg_advisory_unlock(4242)");

            assertThat(contract.get(30, TimeUnit.SECONDS).applied())
                    .extracting(MigrationInfo::id)
                    .containsExactly("2_drop_name");
            assertThatThrownBy(() -> oldStartup.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(MigrationValidationException.class)
                    .rootCause()
                    .hasMessageContaining("2_drop_name");
            assertThat(nameExists()).isFalse();
        } finally {
            threads.shutdownNow();
        }
    }

    /** Locks on {@code slipway_instances} of the given mode, granted or waiting. */
    private long heldLocks(String mode, boolean granted) {
        return db.queryLong("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema
                + "' AND c.relname = 'slipway_instances' AND l.mode = '" + mode + "' AND l.granted = " + granted);
    }
}
