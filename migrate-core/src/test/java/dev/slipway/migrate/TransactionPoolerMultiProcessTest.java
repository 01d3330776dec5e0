package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PgBouncer;
import dev.slipway.migrate.test.PgBouncer.PoolMode;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real JVMs starting together through a real PgBouncer, on 40 migrations that each insert a row: in transaction
 * mode (pools of one and of four server connections, with and without the driver's server-side prepared statements)
 * every JVM refuses, naming the pooler, nothing runs and no advisory lock is left, not even on PgBouncer's idle server
 * connections; in session mode the four apply each migration exactly once. The same four JVMs run every scenario in
 * turn, in step (one JVM start each for all of them).
 */
@ExtendWith(PostgresExtension.class)
class TransactionPoolerMultiProcessTest {

    private static final int JVMS = 4;
    private static final int MIGRATIONS = 40;

    private record Scenario(String name, PoolMode mode, int poolSize, String parameters) {}

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("tx1_pt0", PoolMode.TRANSACTION, 1, "prepareThreshold=0"),
            new Scenario("tx1", PoolMode.TRANSACTION, 1, ""),
            new Scenario("tx4_pt0", PoolMode.TRANSACTION, 4, "prepareThreshold=0"),
            new Scenario("tx4", PoolMode.TRANSACTION, 4, ""),
            new Scenario("session", PoolMode.SESSION, 2 * JVMS + 2, ""));

    @Test
    void fourJvmsThroughATransactionPoolerAllRefuseAndThroughASessionPoolerApplyEachMigrationOnce(
            TestDatabase classDb, @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        files.add(
                "01_m1",
                "CREATE TABLE runs (version int NOT NULL, backend int NOT NULL DEFAULT pg_backend_pid());\n"
                        + "INSERT INTO runs (version) VALUES (1);");
        for (int i = 2; i <= MIGRATIONS; i++) {
            files.add(String.format("%02d_m%d", i, i), "INSERT INTO runs (version) VALUES (" + i + ");");
        }
        Path barrier = Files.createDirectories(dir.resolve("barrier"));
        List<TestDatabase> databases = new ArrayList<>();
        List<PgBouncer> bouncers = new ArrayList<>();
        List<Process> children = new ArrayList<>();
        try {
            for (Scenario scenario : SCENARIOS) {
                TestDatabase db = classDb.createAnother(scenario.name());
                databases.add(db);
                bouncers.add(PgBouncer.start(db, scenario.mode(), scenario.poolSize()));
            }
            List<Path> outputs = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                Path out = dir.resolve("child-" + i + ".log");
                outputs.add(out);
                children.add(child(classDb, barrier, files.location(), bouncers, out));
            }
            for (int n = 0; n < SCENARIOS.size(); n++) {
                awaitEveryChild(children, outputs, "ready " + n);
                Files.createFile(barrier.resolve("go-" + n));
            }
            for (int i = 0; i < JVMS; i++) {
                assertThat(children.get(i).waitFor(3, TimeUnit.MINUTES))
                        .as("child %d ended", i)
                        .isTrue();
                assertThat(children.get(i).exitValue())
                        .as(Files.readString(outputs.get(i)))
                        .isZero();
            }

            for (int n = 0; n < SCENARIOS.size(); n++) {
                Scenario scenario = SCENARIOS.get(n);
                TestDatabase db = databases.get(n);
                List<String> results = new ArrayList<>();
                for (Path out : outputs) {
                    results.add(Files.readString(out)
                            .lines()
                            .filter(l -> l.startsWith("result "))
                            .toList()
                            .get(SCENARIOS.indexOf(scenario)));
                }
                String context = scenario + ": " + results;
                System.out.println(context);
                String refused = "result " + n + " refused ";
                if (scenario.mode() == PoolMode.TRANSACTION) {
                    assertThat(results)
                            .as(context)
                            .allSatisfy(result ->
                                    assertThat(result).startsWith(refused).contains("server session"));
                    assertThat(db.queryString("SELECT to_regclass('runs')::text"))
                            .as(context)
                            .isNull();
                    assertThat(db.queryString("SELECT to_regclass('slipway_migrations')::text"))
                            .as(context)
                            .isNull();
                } else {
                    int applied = 0;
                    for (String result : results) {
                        assertThat(result).as(context).startsWith("result " + n + " applied ");
                        applied += Integer.parseInt(result.substring(("result " + n + " applied ").length())
                                .trim());
                    }
                    assertThat(applied).as(context).isEqualTo(MIGRATIONS);
                    assertThat(db.queryLong("SELECT count(*) FROM runs"))
                            .as(context)
                            .isEqualTo(MIGRATIONS);
                    assertThat(db.queryLong("SELECT count(DISTINCT version) FROM runs"))
                            .as(context)
                            .isEqualTo(MIGRATIONS);
                    assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations WHERE finished_at IS NOT NULL"))
                            .as(context)
                            .isEqualTo(MIGRATIONS);
                }
                // PgBouncer still runs: its idle server connections would show a leaked session lock here.
                assertThat(db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                                + "(SELECT oid FROM pg_database WHERE datname = current_database())"))
                        .as(context)
                        .isZero();
            }
        } finally {
            children.forEach(Process::destroyForcibly);
            bouncers.forEach(PgBouncer::close);
        }
    }

    private static void awaitEveryChild(List<Process> children, List<Path> outputs, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        for (int i = 0; i < children.size(); i++) {
            while (!Files.readString(outputs.get(i)).lines().anyMatch(line::equals)) {
                assertThat(children.get(i).isAlive())
                        .as("child %d died: %s", i, Files.readString(outputs.get(i)))
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("child %d never said '%s'", i, line)
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private static Process child(TestDatabase db, Path barrier, String location, List<PgBouncer> bouncers, Path output)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                ChildPoolerRacer.class.getName(),
                barrier.toString(),
                location,
                db.username(),
                Objects.requireNonNullElse(db.password(), "")));
        for (int n = 0; n < SCENARIOS.size(); n++) {
            command.add(bouncers.get(n).jdbcUrl(SCENARIOS.get(n).parameters()));
        }
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }
}
