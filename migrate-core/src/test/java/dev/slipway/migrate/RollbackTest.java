package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link Slipway#rollback}: down files run newest first, under the migration lock, all checked before any runs. */
@ExtendWith(PostgresExtension.class)
class RollbackTest {

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    RollbackTest(TestDatabase db) {
        this.db = db;
    }

    /**
     * Four migrations; each down file records its version in {@code down_log} before undoing its migration, and
     * the down file of 4 needs the table that the down file of 3 drops, so running them oldest first would fail.
     */
    @BeforeEach
    void fourMigrationsWithDownFiles(@TempDir Path dir, TestInfo test) {
        schema = MigrationFiles.schemaFor("rb_", test);
        files = new MigrationFiles(dir)
                .add(
                        "1_users",
                        "CREATE TABLE users (id int PRIMARY KEY);\n"
                                + "CREATE TABLE down_log (seq serial PRIMARY KEY, version text NOT NULL);")
                .add("2_user_name", "ALTER TABLE users ADD COLUMN name text;")
                .add("3_orders", "CREATE TABLE orders (id int PRIMARY KEY, user_id int);")
                .add("4_order_note", "ALTER TABLE orders ADD COLUMN note text;");
        down("1_users", "DROP TABLE down_log;\nDROP TABLE users;");
        down("2_user_name", "INSERT INTO down_log (version) VALUES ('2');\nALTER TABLE users DROP COLUMN name;");
        down("3_orders", "INSERT INTO down_log (version) VALUES ('3');\nDROP TABLE orders;");
        down("4_order_note", "INSERT INTO down_log (version) VALUES ('4');\nALTER TABLE orders DROP COLUMN note;");
    }

    @Test
    void rollsBackTheLastTwoMigrationsNewestFirstAndMigrateAppliesThemAgain() {
        Slipway slipway = slipway();
        slipway.migrate();

        List<MigrationInfo> rolledBack = slipway.rollback("2");

        assertThat(rolledBack).extracting(MigrationInfo::id).containsExactly("4_order_note", "3_orders");
        assertThat(rolledBack).allSatisfy(info -> {
            assertThat(info.state()).isEqualTo(MigrationState.ROLLED_BACK);
            assertThat(info.rolledBackAt()).isNotNull();
        });
        assertThat(downLog()).containsExactly("4", "3");
        assertThat(tableExists("orders")).isFalse();
        assertThat(columnExists("users", "name")).isTrue();
        assertThat(states(slipway))
                .containsExactly(
                        MigrationState.APPLIED,
                        MigrationState.APPLIED,
                        MigrationState.ROLLED_BACK,
                        MigrationState.ROLLED_BACK);

        MigrateResult again = slipway.migrate();

        assertThat(again.applied()).extracting(MigrationInfo::id).containsExactly("3_orders", "4_order_note");
        assertThat(columnExists("orders", "note")).isTrue();
        assertThat(states(slipway)).containsOnly(MigrationState.APPLIED);
        // The rolled-back attempts stay in the history next to the new ones.
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE version IN ('3', '4')"
                        + " AND rolled_back_at IS NOT NULL"))
                .isEqualTo(2);
        assertThat(slipway.validate().problems()).isEmpty();
    }

    @Test
    void targetZeroRollsBackEveryMigration() {
        Slipway slipway = slipway();
        slipway.migrate();

        List<MigrationInfo> rolledBack = slipway.rollback("0");

        assertThat(rolledBack)
                .extracting(MigrationInfo::id)
                .containsExactly("4_order_note", "3_orders", "2_user_name", "1_users");
        assertThat(db.queryStrings(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'"))
                .containsExactlyInAnyOrder("slipway_locks", "slipway_migrations");
        assertThat(states(slipway)).containsOnly(MigrationState.ROLLED_BACK);
        assertThat(slipway.rollback("0")).isEmpty();

        assertThat(slipway.migrate().appliedCount()).isEqualTo(4);
        assertThat(downLog()).isEmpty();
        assertThat(columnExists("orders", "note")).isTrue();
    }

    @Test
    void anUnknownTargetIsRefusedNamingTheVersionsThatExist() {
        Slipway slipway = slipway();
        slipway.migrate();

        for (String target : List.of("7", "2.5", "latest")) {
            assertThatThrownBy(() -> slipway.rollback(target))
                    .isInstanceOf(SlipwayException.class)
                    .hasMessageContaining("Cannot roll back to version '" + target + "'")
                    .hasMessageContaining("versions that exist: 1, 2, 3, 4")
                    .hasMessageContaining("nothing was rolled back");
        }
        assertThat(states(slipway)).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void refusesWhenAMigrationToRollBackHasNoDownFileAndRunsNothing() throws IOException {
        Files.delete(files.root().resolve("3_orders/down.sql"));
        write(files.root().resolve("V5__order_total.sql"), "ALTER TABLE orders ADD COLUMN total int;");
        Slipway slipway = slipway();
        slipway.migrate();

        assertThatThrownBy(() -> slipway.rollback("2"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("2 migrations to roll back have no down file, so nothing was rolled back")
                .hasMessageContaining("-> 5_order_total: a Flyway-style file, " + files.location()
                        + "/V5__order_total.sql, which cannot have a down file")
                .hasMessageContaining("-> 3_orders: no down.sql in its folder " + files.location() + "/3_orders/")
                .hasMessageNotContaining("4_order_note:");

        assertThat(downLog()).isEmpty();
        assertThat(columnExists("orders", "note")).isTrue();
        assertThat(states(slipway)).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void refusesAMalformedDownFileAndRunsNothing() {
        down("3_orders", "-- slipway:phase contract\nDROP TABLE orders;");
        Slipway slipway = slipway();
        slipway.migrate();

        assertThatThrownBy(() -> slipway.rollback("2")).isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
            assertThat(e.getSource()).isEqualTo(files.location() + "/3_orders/down.sql");
            assertThat(e.getLine()).isEqualTo(1);
            assertThat(e.getMessage()).contains("-- slipway:phase contract does not apply to a down file");
        });

        down("3_orders", "DROP TABLE orders;\n\\connect other");
        assertThatThrownBy(() -> slipway.rollback("2")).isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
            assertThat(e.getSource()).isEqualTo(files.location() + "/3_orders/down.sql");
            assertThat(e.getLine()).isEqualTo(2);
        });

        assertThat(downLog()).isEmpty();
        assertThat(columnExists("orders", "note")).isTrue();
        assertThat(states(slipway)).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void refusesWhileTheHistoryHasAProblemToSettle() throws IOException {
        Slipway slipway = slipway();
        slipway.migrate();
        write(files.root().resolve("2_user_name/migration.sql"), "ALTER TABLE users ADD COLUMN name varchar(80);");

        assertThatThrownBy(() -> slipway.rollback("1"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("has a problem to settle first; nothing was rolled back")
                .hasMessageContaining("Migration 2_user_name was changed after it was applied")
                .hasMessageContaining("then roll back again");

        assertThat(downLog()).isEmpty();
        assertThat(columnExists("orders", "note")).isTrue();
    }

    @Test
    void refusesWhileAMigrationOutsideATransactionStoppedPartWay() {
        files.add(
                "5_steps", "-- slipway:transaction off\nCREATE TABLE step_one (id int);\nCREATE TABLE users (id int);");
        down("5_steps", "DROP TABLE IF EXISTS step_one;");
        Slipway slipway = slipway();
        assertThatThrownBy(slipway::migrate).isInstanceOf(MigrationFailedException.class);

        assertThatThrownBy(() -> slipway.rollback("2"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("nothing was rolled back")
                .hasMessageContaining("Migration 5_steps stopped part-way: it runs outside a transaction and 1 of its "
                        + "2 statements are applied (its last attempt failed)")
                .hasMessageContaining("Finish it with migrate(), or undo its partial changes by hand and resolve it");

        assertThat(downLog()).isEmpty();
        assertThat(tableExists("step_one")).isTrue();
        assertThat(columnExists("orders", "note")).isTrue();
    }

    @Test
    void aFailingStatementUndoesItsTransactionalDownFileAndLeavesTheMigrationApplied() {
        down(
                "3_orders",
                "INSERT INTO down_log (version) VALUES ('3');\nDROP TABLE orders;\n\nDROP TABLE no_such_table;");
        Slipway slipway = slipway();
        slipway.migrate();

        assertThatThrownBy(() -> slipway.rollback("2")).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
            assertThat(e.getVersion()).isEqualTo("3");
            assertThat(e.getSource()).isEqualTo(files.location() + "/3_orders/down.sql");
            assertThat(e.getStatement()).isEqualTo(3);
            assertThat(e.getLine()).isEqualTo(4);
            assertThat(e.getSqlState()).isEqualTo("42P01");
            assertThat(e.getMessage())
                    .contains("Rolling back migration 3_orders failed at statement 3 (line 4) of " + files.location()
                            + "/3_orders/down.sql")
                    .contains("table \"no_such_table\" does not exist")
                    .contains("Nothing of this down file took effect")
                    .contains("migrations rolled back before it stay rolled back");
        });

        assertThat(downLog()).containsExactly("4");
        assertThat(tableExists("orders")).isTrue();
        assertThat(columnExists("orders", "note")).isFalse();
        assertThat(states(slipway))
                .containsExactly(
                        MigrationState.APPLIED,
                        MigrationState.APPLIED,
                        MigrationState.APPLIED,
                        MigrationState.ROLLED_BACK);

        down("3_orders", "INSERT INTO down_log (version) VALUES ('3');\nDROP TABLE orders;");
        assertThat(slipway.rollback("2")).extracting(MigrationInfo::id).containsExactly("3_orders");
        assertThat(downLog()).containsExactly("4", "3");
        assertThat(tableExists("orders")).isFalse();
    }

    @Test
    void aDownFileThatCannotRunInATransactionRunsStatementByStatement() {
        files.add("5_order_index", "CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);");
        down("5_order_index", "DROP INDEX CONCURRENTLY IF EXISTS orders_user_idx;\nDROP TABLE no_such_table;");
        Slipway slipway = slipway();
        slipway.migrate();

        assertThatThrownBy(() -> slipway.rollback("4")).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
            assertThat(e.getSource()).isEqualTo(files.location() + "/5_order_index/down.sql");
            assertThat(e.getStatement()).isEqualTo(2);
            assertThat(e.getLine()).isEqualTo(2);
            assertThat(e.getMessage())
                    .contains("Rolling back migration 5_order_index failed at statement 2 (line 2)")
                    .contains("does not exist")
                    .contains("1 of its 2 statements took effect")
                    .contains("runs the down file from its first statement again")
                    .contains("IF EXISTS");
        });
        assertThat(indexExists("orders_user_idx")).isFalse();
        assertThat(states(slipway).get(4)).isEqualTo(MigrationState.APPLIED);

        down("5_order_index", "DROP INDEX CONCURRENTLY IF EXISTS orders_user_idx;\nSELECT 1;");
        List<MigrationInfo> rolledBack = slipway.rollback("4");

        assertThat(rolledBack).extracting(MigrationInfo::id).containsExactly("5_order_index");
        assertThat(states(slipway).get(4)).isEqualTo(MigrationState.ROLLED_BACK);
        assertThat(slipway.migrate().appliedCount()).isEqualTo(1);
        assertThat(indexExists("orders_user_idx")).isTrue();
    }

    @Test
    void aLockHeldByTheApplicationMakesTheDownStatementRetryUntilItIsReleased() throws Exception {
        List<LockTimeoutRetry> retries = new CopyOnWriteArrayList<>();
        CountDownLatch retried = new CountDownLatch(2);
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(config().build())
                .listener(new SlipwayListener() {
                    @Override
                    public void lockTimeoutRetry(LockTimeoutRetry retry) {
                        retries.add(retry);
                        retried.countDown();
                    }
                })
                .build();
        slipway.migrate();

        try (Connection application = db.connect()) {
            application.setAutoCommit(false);
            try (Statement s = application.createStatement()) {
                s.execute("SELECT count(*) FROM " + schema + ".orders");
            }
            CompletableFuture<List<MigrationInfo>> rollback =
                    CompletableFuture.supplyAsync(() -> slipway.rollback("3"));
            assertThat(retried.await(1, TimeUnit.MINUTES)).isTrue();
            assertThat(rollback).isNotDone();
            assertThat(columnExists("orders", "note")).isTrue();
            application.commit();

            assertThat(rollback.get(1, TimeUnit.MINUTES))
                    .extracting(MigrationInfo::id)
                    .containsExactly("4_order_note");
        }
        assertThat(retries).allSatisfy(retry -> {
            assertThat(retry.version()).isEqualTo("4");
            assertThat(retry.statement()).isEqualTo(2);
            assertThat(retry.line()).isEqualTo(2);
            assertThat(retry.sqlState()).isEqualTo("55P03");
        });
        // Each attempt ran the whole down file in one transaction: the INSERT before the blocked statement is
        // there once.
        assertThat(downLog()).containsExactly("4");
        assertThat(columnExists("orders", "note")).isFalse();
    }

    @Test
    void aRollbackAndAMigrateFromAnotherInstanceRunOneAfterTheOther() throws Exception {
        Slipway rollbackSide = slipway();
        rollbackSide.migrate();
        files.add("5_order_total", "ALTER TABLE orders ADD COLUMN total int;");
        CountDownLatch migrateWaits = new CountDownLatch(1);
        Slipway migrateSide = Slipway.builder(db.dataSource())
                .config(config().build())
                .listener(new SlipwayListener() {
                    @Override
                    public void lockWaiting(LockHolder holder, Duration waitedSoFar) {
                        migrateWaits.countDown();
                    }
                })
                .build();

        try (Connection application = db.connect()) {
            // The rollback takes the migration lock, then its down file waits for this transaction's lock.
            application.setAutoCommit(false);
            try (Statement s = application.createStatement()) {
                s.execute("SELECT count(*) FROM " + schema + ".orders");
            }
            CompletableFuture<List<MigrationInfo>> rollback =
                    CompletableFuture.supplyAsync(() -> rollbackSide.rollback("3"));
            while (rollbackSide.status().lockHolder().isEmpty()) {
                assertThat(rollback).isNotDone();
                Thread.sleep(20);
            }
            CompletableFuture<MigrateResult> migrate = CompletableFuture.supplyAsync(migrateSide::migrate);
            assertThat(migrateWaits.await(1, TimeUnit.MINUTES)).isTrue();
            assertThat(migrate).isNotDone();
            assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE version = '5'"))
                    .isZero();
            application.commit();

            assertThat(rollback.get(1, TimeUnit.MINUTES))
                    .extracting(MigrationInfo::id)
                    .containsExactly("4_order_note");
            assertThat(migrate.get(1, TimeUnit.MINUTES).applied())
                    .extracting(MigrationInfo::id)
                    .containsExactly("4_order_note", "5_order_total");
        }
        // The migration ran after the rollback had finished, not in the middle of it.
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations r, " + schema
                        + ".slipway_migrations a WHERE r.version = '4' AND r.rolled_back_at IS NOT NULL AND a.version = '4'"
                        + " AND a.rolled_back_at IS NULL AND a.started_at >= r.rolled_back_at"))
                .isEqualTo(1);
        assertThat(downLog()).containsExactly("4");
        assertThat(columnExists("orders", "note")).isTrue();
        assertThat(columnExists("orders", "total")).isTrue();
        assertThat(states(rollbackSide)).containsOnly(MigrationState.APPLIED);
    }

    private SlipwayConfig.Builder config() {
        return files.config()
                .schema(schema)
                .ddlLockTimeout(Duration.ofMillis(200))
                .ddlRetryBudget(Duration.ofMinutes(2));
    }

    private Slipway slipway() {
        return Slipway.builder(db.dataSource()).config(config().build()).build();
    }

    private void down(String id, String sql) {
        write(files.root().resolve(id).resolve("down.sql"), sql);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<MigrationState> states(Slipway slipway) {
        return slipway.status().migrations().stream().map(MigrationInfo::state).toList();
    }

    private List<String> downLog() {
        if (!tableExists("down_log")) {
            return List.of();
        }
        return db.queryStrings("SELECT version FROM " + schema + ".down_log ORDER BY seq");
    }

    private boolean tableExists(String table) {
        return db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' AND table_name = '" + table + "'")
                == 1;
    }

    private boolean columnExists(String table, String column) {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = '" + table + "' AND column_name = '" + column + "'")
                == 1;
    }

    private boolean indexExists(String index) {
        return db.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema + "' AND indexname = '"
                        + index + "'")
                == 1;
    }
}
