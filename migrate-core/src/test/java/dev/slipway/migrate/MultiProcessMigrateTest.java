package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs racing on, and dying in the middle of, migrations of one database. */
@ExtendWith(PostgresExtension.class)
class MultiProcessMigrateTest {

    @Test
    void threeJvmsRacingOnAnEmptyDatabaseApplyEveryMigrationExactlyOnce(TestDatabase db, @TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        for (int i = 1; i <= 15; i++) {
            files.add(String.format("%02d_t%d", i, i), "CREATE TABLE t" + i + " (id int);\nSELECT pg_sleep(0.02);");
        }
        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = dir.resolve("child-" + i + ".log");
            outputs.add(out);
            children.add(child(db, files.location(), out));
        }
        int appliedInTotal = 0;
        for (int i = 0; i < 3; i++) {
            Process child = children.get(i);
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String output = Files.readString(outputs.get(i));
            assertThat(child.exitValue()).as(output).isZero();
            appliedInTotal += Integer.parseInt(output.lines()
                    .filter(l -> l.startsWith("applied "))
                    .findFirst()
                    .orElseThrow()
                    .substring("applied ".length())
                    .trim());
        }

        assertThat(appliedInTotal).isEqualTo(15);
        assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations")).isEqualTo(15);
        assertThat(db.queryLong("SELECT count(DISTINCT version) FROM slipway_migrations WHERE finished_at IS NOT NULL"))
                .isEqualTo(15);
    }

    @Test
    void aJvmKilledInTheMiddleOfATransactionalMigrationLeavesNothingAndTheNextRunAppliesIt(
            TestDatabase classDb, @TempDir Path dir) throws Exception {
        TestDatabase db = classDb.createAnother("killed");
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_base", "CREATE TABLE base (id int);")
                .add(
                        "2_long",
                        "CREATE TABLE big (id bigint PRIMARY KEY, payload text);\n"
                                + "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 50000) g;\n"
                                + "SELECT pg_sleep(60);\n"
                                + "CREATE INDEX big_payload ON big (payload);")
                .add("3_after", "CREATE TABLE after_long (id int);");
        Path out = dir.resolve("killed.log");
        Process child = child(db, files.location(), out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND query LIKE 'SELECT pg_sleep(60)%' AND state = 'active'")
                == 0) {
            assertThat(child.isAlive())
                    .as("child died early: %s", Files.readString(out))
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("child never reached the long statement")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }

        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback from the client
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(db.queryStrings("SELECT version FROM slipway_migrations ORDER BY started_at"))
                .containsExactly("1");
        files.add(
                "2_long",
                "CREATE TABLE big (id bigint PRIMARY KEY, payload text);\n"
                        + "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 50000) g;\n"
                        + "CREATE INDEX big_payload ON big (payload);");
        Slipway slipway =
                Slipway.builder(db.dataSource()).config(files.config().build()).build();
        MigrateResult result = slipway.migrate();

        assertThat(result.applied()).extracting(MigrationInfo::id).containsExactly("2_long", "3_after");
        assertThat(db.queryLong("SELECT count(*) FROM big")).isEqualTo(50000);
        assertThat(db.queryStrings("SELECT version FROM slipway_migrations WHERE finished_at IS NOT NULL"
                        + " ORDER BY started_at"))
                .containsExactly("1", "2", "3");
        assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations WHERE finished_at IS NULL"))
                .isZero();
        assertThat(slipway.status().isUpToDate()).isTrue();
    }

    @Test
    void aJvmKilledDuringAConcurrentIndexBuildIsResumedByTheNextRun(TestDatabase classDb, @TempDir Path dir)
            throws Exception {
        TestDatabase db = classDb.createAnother("killed_index");
        MigrationFiles files = new MigrationFiles(dir)
                .add(
                        "1_marker",
                        "CREATE TABLE marker (id int);\n"
                                + "CREATE TABLE big (id bigint PRIMARY KEY, payload text);\n"
                                + "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 20000) g;");
        Slipway.builder(db.dataSource()).config(files.config().build()).build().migrate();
        files.add(
                "2_index",
                "-- slipway:lock-timeout 0\n"
                        + "CREATE TABLE before_index (id int);\n"
                        + "CREATE INDEX CONCURRENTLY big_payload ON big (payload);\n"
                        + "CREATE TABLE after_index (id int);");
        try (Connection oldSnapshot = db.connect()) {
            // An open snapshot makes the index build wait in its last phase, where it can be killed.
            oldSnapshot.setAutoCommit(false);
            oldSnapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (java.sql.Statement s = oldSnapshot.createStatement()) {
                s.executeQuery("SELECT count(*) FROM big").close();
            }
            Path out = dir.resolve("killed-index.log");
            Process child = child(db, files.location(), out);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND query LIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'")
                    == 0) {
                assertThat(child.isAlive())
                        .as("child died early: %s", Files.readString(out))
                        .isTrue();
                assertThat(System.nanoTime()).as("the index build never waited").isLessThan(deadline);
                Thread.sleep(50);
            }

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND query LIKE 'CREATE INDEX CONCURRENTLY%'")
                    > 0) {
                assertThat(System.nanoTime())
                        .as("the killed build's backend never ended")
                        .isLessThan(gone);
                Thread.sleep(50);
            }
            assertThat(db.queryString("SELECT applied_steps || ' ' || (finished_at IS NULL) || ' ' || (logs IS NULL)"
                            + " FROM slipway_migrations WHERE version = '2'"))
                    .isEqualTo("1 true true");
            assertThat(db.queryString("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                            + " WHERE c.relname = 'big_payload'"))
                    .isEqualTo("f");
            oldSnapshot.commit();
        }

        MigrateResult result = Slipway.builder(db.dataSource())
                .config(files.config().build())
                .build()
                .migrate();

        assertThat(result.applied()).extracting(MigrationInfo::id).containsExactly("2_index");
        assertThat(db.queryStrings("SELECT i.indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relname = 'big_payload'"))
                .containsExactly("true");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename IN ('before_index', 'after_index')"))
                .isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations WHERE finished_at IS NULL"))
                .isZero();
    }

    private static Process child(TestDatabase db, String location, Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ChildMigrator.class.getName(),
                db.jdbcUrl(),
                db.username(),
                Objects.requireNonNullElse(db.password(), ""),
                location);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }
}
