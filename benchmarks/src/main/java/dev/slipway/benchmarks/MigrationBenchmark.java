package dev.slipway.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Slipway against Flyway and plain JDBC on the same generated migrations, in one JVM, against one server.
 *
 * <ol>
 *   <li>Generate the migrations (see {@link GeneratedMigrations}) once.</li>
 *   <li>For every round (warm-up rounds first, not recorded), take the contenders in an order rotated by one each
 *       round, so that none is always first or last. For each: create an empty database and a HikariCP pool of
 *       {@value BenchmarkServer#POOL_SIZE} open connections to it; time one apply (building the tool included;
 *       wall-clock, and this JVM's CPU time, which the load of other processes hardly changes)
 *       and check that every migration was applied and every table exists; then time the no-op runs, each of
 *       which must apply nothing; close the pool and drop the database.</li>
 *   <li>Report the median and minimum of each, the ratios against the goals, and the machine, in the report file and
 *       in the block {@code migration} of the checkout's {@code README.md} (see {@link ReadmeBlock}).</li>
 * </ol>
 */
public final class MigrationBenchmark {

    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Options options;
    private final BenchmarkServer server;
    private final GeneratedMigrations migrations;

    private MigrationBenchmark(Options options, BenchmarkServer server, GeneratedMigrations migrations) {
        this.options = options;
        this.server = server;
        this.migrations = migrations;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        BenchmarkServer server = BenchmarkServer.fromEnvironment(System.getenv());
        String loadBefore = Machine.loadAverage();
        Optional<ReadmeBlock> readme = ReadmeBlock.forRun(options.output(), "migration", "the migration benchmark");
        try (GeneratedMigrations migrations = GeneratedMigrations.write(options.migrations())) {
            Map<Contender, Measurements> results = new MigrationBenchmark(options, server, migrations).run();
            Report report = new Report(options, server, results, loadBefore, readme.map(ReadmeBlock::checkout));
            String markdown = report.toMarkdown();
            System.out.println();
            System.out.println(markdown);
            if (options.output() != null) {
                Files.createDirectories(options.output().getParent());
                Files.writeString(options.output(), markdown, StandardCharsets.UTF_8);
                System.out.println("Written to " + options.output());
            }
            if (readme.isPresent()) {
                readme.get().write(report.readmeBlock(readme.get()));
            }
        }
    }

    private Map<Contender, Measurements> run() throws Exception {
        List<Contender> contenders = contenders();
        Map<Contender, Measurements> results = new LinkedHashMap<>();
        contenders.forEach(contender -> results.put(contender, new Measurements()));
        for (int round = -options.warmupRounds(); round < options.rounds(); round++) {
            String label = round < 0
                    ? "warm-up " + (round + options.warmupRounds() + 1) + "/" + options.warmupRounds()
                    : "round " + (round + 1) + "/" + options.rounds();
            for (Contender contender : BenchmarkSupport.rotated(contenders, round + options.warmupRounds())) {
                Measurements.Round measured = measure(contender);
                BenchmarkSupport.log(label + ": " + contender.name() + " " + measured.describe());
                if (round >= 0) {
                    results.get(contender).add(measured);
                }
            }
        }
        return results;
    }

    private List<Contender> contenders() {
        List<Contender> contenders = new ArrayList<>();
        for (String key : options.contenders()) {
            contenders.add(
                    switch (key.trim()) {
                        case "jdbc" -> new PlainJdbcContender(migrations.slipwayLayout());
                        case "flyway" -> new FlywayContender(migrations.flywayLayout());
                        case "slipway" -> new SlipwayContender(migrations.slipwayLayout(), options.slipwayVersion());
                        default ->
                            throw new IllegalArgumentException(
                                    "Unknown contender " + key + "; known: jdbc, flyway, slipway");
                    });
        }
        return contenders;
    }

    /** One apply on a fresh database, then the no-op runs on the same database. */
    private Measurements.Round measure(Contender contender) throws Exception {
        Measurements.Round result = new Measurements.Round();
        String database = server.createDatabase();
        try (HikariDataSource pool = server.pool(database)) {
            timed(contender, pool, migrations.count(), result.apply(), result.applyCpu());
            long tables = countTables(pool);
            if (tables != migrations.count()) {
                throw new IllegalStateException(
                        contender.name() + " left " + tables + " tables, expected " + migrations.count());
            }
            if (contender.hasNoopRun()) {
                for (int i = 0; i < options.noopRepeats(); i++) {
                    timed(contender, pool, 0, result.noop(), result.noopCpu());
                }
            }
        } finally {
            server.dropDatabase(database);
        }
        return result;
    }

    /** Runs the contender once, checks how many migrations it applied, and records wall-clock and CPU time. */
    private static void timed(
            Contender contender, DataSource dataSource, int expectedApplied, Samples wall, Samples cpu)
            throws Exception {
        System.gc();
        long cpuStart = PROCESS.getProcessCpuTime();
        long start = System.nanoTime();
        int applied = contender.migrate(dataSource);
        long elapsed = System.nanoTime() - start;
        long cpuElapsed = PROCESS.getProcessCpuTime() - cpuStart;
        if (applied != expectedApplied) {
            throw new IllegalStateException(
                    contender.name() + " applied " + applied + " migrations, expected " + expectedApplied);
        }
        wall.add(elapsed);
        cpu.add(cpuElapsed);
    }

    private static long countTables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename ~ '^t_[0-9]+$'")) {
            row.next();
            return row.getLong(1);
        }
    }
}
