package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history table refuses a second successful row for a version (a unique partial index), an older table gets the
 * index at its next migration, and a history that already records a migration applied twice (what a leaked migration
 * lock left behind) stops the run instead of being "fixed" silently. The lease table sits next to the history.
 */
@ExtendWith(PostgresExtension.class)
class HistoryUniqueIndexTest {

    private TestDatabase db;
    private String schema;
    private String history;
    private MigrationFiles files;

    @BeforeEach
    void schema(TestDatabase db, TestInfo test, @TempDir Path dir) {
        this.db = db;
        schema = MigrationFiles.schemaFor("u_", test);
        history = schema + ".slipway_migrations";
        db.execute("CREATE SCHEMA " + schema);
        files = new MigrationFiles(dir)
                .add("1_users", "CREATE TABLE users (id int);")
                .add("2_orders", "CREATE TABLE orders (id int);");
    }

    @Test
    void aNewHistoryHasTheIndexAndTheLeaseWhoseTokenCountsTheRunsThatTookTheLock(TestDatabase db) {
        slipway().migrate();

        assertThat(indexes(db)).containsExactly("slipway_migrations_applied_version");
        assertThat(db.queryString("SELECT name || ' ' || token FROM " + schema + ".slipway_locks"))
                .isEqualTo(history + " 1");
        assertThat(db.queryString("SELECT obj_description('" + schema + ".slipway_locks'::regclass)"))
                .startsWith("Slipway lock leases");
        slipway().migrate(); // up to date: no lock taken
        files.add("3_items", "CREATE TABLE items (id int);");
        slipway().migrate();
        assertThat(db.queryLong("SELECT token FROM " + schema + ".slipway_locks"))
                .isEqualTo(2);

        assertThatThrownBy(
                        () -> db.execute(
                                "INSERT INTO " + history + " (id, version, name, checksum, phase,"
                                        + " started_at, finished_at) VALUES (gen_random_uuid(), '2', 'orders', 'x', 'expand', now(), now())"))
                .hasMessageContaining("slipway_migrations_applied_version");
        // Failed, rolled-back and repeatable rows are not successes of a version: any number of them is fine.
        db.execute("INSERT INTO " + history + " (id, version, name, checksum, phase, started_at, logs) VALUES"
                + " (gen_random_uuid(), '2', 'orders', 'x', 'expand', now(), 'failed'),"
                + " (gen_random_uuid(), '2', 'orders', 'x', 'expand', now(), 'failed')");
        db.execute("INSERT INTO " + history + " (id, version, name, checksum, phase, started_at, finished_at) VALUES"
                + " (gen_random_uuid(), 'R', 'views', 'x', 'expand', now(), now()),"
                + " (gen_random_uuid(), 'R', 'views', 'y', 'expand', now(), now())");
    }

    @Test
    void anOlderHistoryTableGetsTheIndexAndTheLeaseTableAtTheNextMigration(TestDatabase db) {
        slipway().migrate();
        // The history table as the releases before the index left it.
        db.execute("DROP INDEX " + schema + ".slipway_migrations_applied_version; DROP TABLE " + schema
                + ".slipway_locks");
        slipway().migrate();
        assertThat(indexes(db)).as("not at a restart with nothing to migrate").isEmpty();

        files.add("3_items", "CREATE TABLE items (id int);");
        assertThat(slipway().migrate().appliedCount()).isEqualTo(1);

        assertThat(indexes(db)).containsExactly("slipway_migrations_applied_version");
        assertThat(db.queryString("SELECT name || ' ' || token FROM " + schema + ".slipway_locks"))
                .isEqualTo(history + " 1");
    }

    @Test
    void aHistoryThatRecordsAMigrationAppliedTwiceStopsTheRunNamingItsRowsAndTheDelete(TestDatabase db) {
        slipway().migrate();
        db.execute("DROP INDEX " + schema + ".slipway_migrations_applied_version");
        String firstOfUsers = db.queryString("SELECT id FROM " + history + " WHERE version = '1'");
        String firstOfOrders = db.queryString("SELECT id FROM " + history + " WHERE version = '2'");
        // What a migration lock leaking through a transaction pooler left: migration 1 ran three times, 2 twice.
        for (String[] copy : List.of(
                new String[] {"1", "1 second"}, new String[] {"1", "2 seconds"}, new String[] {"2", "3 seconds"})) {
            db.execute("INSERT INTO " + history + " SELECT gen_random_uuid(), version, name, checksum, phase,"
                    + " started_at + interval '" + copy[1] + "', finished_at + interval '" + copy[1] + "',"
                    + " NULL, NULL, applied_steps, execution_ms, 'another instance', kind FROM " + history
                    + " WHERE version = '" + copy[0] + "' AND applied_by IS DISTINCT FROM 'another instance'");
        }
        List<String> extra = db.queryStrings(
                "SELECT id FROM " + history + " WHERE applied_by = 'another instance'" + " ORDER BY started_at");
        files.add("3_items", "CREATE TABLE items (id int);");

        Throwable refusal = catchThrowable(() -> slipway().migrate());

        assertThat(refusal)
                .isInstanceOf(SlipwayException.class)
                .hasMessageStartingWith("The history table " + history
                        + " records 2 migrations as applied more than once, so nothing was migrated:\n"
                        + "-> migration 1_users is recorded as applied 3 times:\n   row " + firstOfUsers + ": started ")
                .hasMessageContaining("-> migration 2_orders is recorded as applied 2 times:\n   row " + firstOfOrders)
                .hasMessageContaining("(the first: keep it)")
                .hasMessageContaining("by another instance")
                .hasMessageContaining("Each of them ran more than once")
                .hasMessageContaining("Check what each extra run wrote")
                .hasMessageContaining("  DELETE FROM \"" + schema + "\".\"slipway_migrations\" WHERE id IN ('"
                        + extra.get(0) + "', '"
                        + extra.get(1) + "', '" + extra.get(2) + "');\n");
        assertThat(db.queryLong(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'items'"))
                .as("migration 3 applied")
                .isZero();
        assertThat(indexes(db)).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM " + history)).isEqualTo(5);

        String delete = refusal.getMessage()
                .lines()
                .filter(line -> line.startsWith("  DELETE FROM"))
                .findFirst()
                .orElseThrow();
        db.execute(delete);
        assertThat(slipway().migrate().appliedCount()).isEqualTo(1);
        assertThat(indexes(db)).containsExactly("slipway_migrations_applied_version");
        assertThat(db.queryStrings("SELECT version || ' ' || id FROM " + history + " ORDER BY version"))
                .startsWith("1 " + firstOfUsers, "2 " + firstOfOrders)
                .hasSize(3);
    }

    @Test
    void aSecondSuccessThatReachesTheHistoryInsertIsRefusedAndTheMigrationRolledBack(TestDatabase db) {
        // A second runner that gets past the fencing (say the lease row was edited) reaches the insert of the
        // migration's history row after another recorded the version: here the migration writes that row itself.
        files.add(
                "3_items",
                "CREATE TABLE items (id int);\n"
                        + "INSERT INTO " + history + " (id, version, name, checksum, phase, started_at, finished_at)"
                        + " VALUES (gen_random_uuid(), '3', 'items', 'x', 'expand', now(), now());");

        Throwable refusal = catchThrowable(() -> slipway().migrate());

        assertThat(refusal)
                .isInstanceOf(SlipwayException.class)
                .hasMessageStartingWith("Migration 3_items is already recorded as applied in " + history + ", so this"
                        + " runner's attempt was refused and its transaction rolled back")
                .hasMessageContaining("unique index slipway_migrations_applied_version")
                .hasMessageContaining("the migration login's URL")
                .hasMessageNotContaining("duplicate key value");
        assertThat(db.queryLong(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'items'"))
                .isZero();
        assertThat(db.queryStrings("SELECT version FROM " + history + " ORDER BY version"))
                .containsExactly("1", "2");
    }

    private Slipway slipway() {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }

    private List<String> indexes(TestDatabase db) {
        return db.queryStrings("SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema
                + "' AND tablename = 'slipway_migrations' AND indexname <> 'slipway_migrations_pkey'");
    }
}
