package dev.slipway.benchmarks;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The startup time that Slipway's starter adds to a small Spring Boot web app with nothing to migrate, against
 * what Spring Boot's Flyway starter adds on the same migrations.
 *
 * <ol>
 *   <li>Write the migrations in both namings to a temporary class path root (see {@link StartupMigrations}).</li>
 *   <li>Create two databases. Start the Slipway variant once on the first and the Flyway variant once on the second,
 *       unmeasured, so each applies every migration; check that each history table lists all of them, that every
 *       generated table exists and that both databases hold the same tables; note a fingerprint of each history
 *       table (row count and newest timestamp).</li>
 *   <li>For every round (warm-up rounds first, not recorded), start each {@link StartupVariant} in a JVM of its own,
 *       in an order rotated by one each round: the variant without a migration tool and the Slipway variant on the
 *       first database, the Flyway variant on the second. Time the launch to the {@code ApplicationReadyEvent} line and
 *       to the first {@code UP} from {@code /actuator/health} (see {@link AppProcess}); check that the context held
 *       exactly the variant's tools; stop the process; check that the history tables did not change, i.e. that
 *       nothing was applied.</li>
 *   <li>Report medians, the time each tool adds over the variant without one, their ratio, and the machine, in the
 *       report file and in the block {@code startup} of the checkout's {@code README.md} (see {@link ReadmeBlock}).</li>
 * </ol>
 */
public final class StartupBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String SLIPWAY_HISTORY =
            "SELECT count(*) || ' ' || coalesce(max(finished_at)::text, '-') FROM slipway_migrations";
    private static final String FLYWAY_HISTORY =
            "SELECT count(*) || ' ' || coalesce(max(installed_on)::text, '-') FROM flyway_schema_history";

    /** The tables the migrations made: each tool's own bookkeeping tables (Slipway's history and instance registry) left out. */
    private static final String TABLES = "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables"
            + " WHERE schemaname = current_schema() AND tablename NOT LIKE 'slipway\\_%'"
            + " AND tablename <> 'flyway_schema_history'";

    private final StartupOptions options;
    private final BenchmarkServer server;
    private final StartupMigrations migrations;
    private final Map<StartupVariant, String> databases = new EnumMap<>(StartupVariant.class);
    private final String classPath;
    private int starts;

    private StartupBenchmark(StartupOptions options, BenchmarkServer server, StartupMigrations migrations) {
        this.options = options;
        this.server = server;
        this.migrations = migrations;
        this.classPath = migrations.classPathRoot() + File.pathSeparator + System.getProperty("java.class.path");
    }

    public static void main(String[] args) throws Exception {
        StartupOptions options = StartupOptions.parse(args);
        BenchmarkServer server = BenchmarkServer.fromEnvironment(System.getenv());
        String loadBefore = Machine.loadAverage();
        Optional<ReadmeBlock> readme = ReadmeBlock.forRun(options.output(), "startup", "the startup benchmark");
        try (StartupMigrations migrations =
                StartupMigrations.write(options.sampleMigrations(), options.generatedMigrations())) {
            StartupResults results = new StartupBenchmark(options, server, migrations).run();
            StartupReport report = new StartupReport(
                    options, server, migrations, results, loadBefore, readme.map(ReadmeBlock::checkout));
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

    private StartupResults run() throws Exception {
        String slipwayDatabase = server.createDatabase();
        String flywayDatabase = server.createDatabase();
        try {
            databases.put(StartupVariant.BASELINE, slipwayDatabase);
            databases.put(StartupVariant.SLIPWAY, slipwayDatabase);
            databases.put(StartupVariant.FLYWAY, flywayDatabase);
            String slipwayHistory = prepare(
                    StartupVariant.SLIPWAY,
                    SLIPWAY_HISTORY,
                    "SELECT count(*) FROM slipway_migrations WHERE finished_at IS NOT NULL");
            String flywayHistory = prepare(
                    StartupVariant.FLYWAY,
                    FLYWAY_HISTORY,
                    "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL");
            String slipwayTables = server.queryString(slipwayDatabase, TABLES);
            String flywayTables = server.queryString(flywayDatabase, TABLES);
            if (!slipwayTables.equals(flywayTables)) {
                throw new IllegalStateException("The same migrations left different tables: Slipway " + slipwayTables
                        + ", Flyway " + flywayTables);
            }
            StartupResults results = new StartupResults();
            List<StartupVariant> variants = List.of(StartupVariant.values());
            for (int round = -options.warmupRounds(); round < options.rounds(); round++) {
                String label = round < 0
                        ? "warm-up " + (round + options.warmupRounds() + 1) + "/" + options.warmupRounds()
                        : "round " + (round + 1) + "/" + options.rounds();
                for (StartupVariant variant : BenchmarkSupport.rotated(variants, round + options.warmupRounds())) {
                    Start start = start(variant);
                    BenchmarkSupport.log(String.format(
                            Locale.ROOT,
                            "%s: %-27s ready %5.0f ms (JVM uptime %5d ms, CPU %5d ms), health UP %5.0f ms",
                            label,
                            variant.label(),
                            start.ready().nanosSinceLaunch() / 1e6,
                            start.ready().jvmUptimeMillis(),
                            start.ready().cpuMillis(),
                            start.healthyNanos() / 1e6));
                    if (round >= 0) {
                        results.add(variant, start.ready(), start.healthyNanos());
                    }
                    unchanged(slipwayDatabase, SLIPWAY_HISTORY, slipwayHistory, variant);
                    unchanged(flywayDatabase, FLYWAY_HISTORY, flywayHistory, variant);
                }
            }
            return results;
        } finally {
            server.dropDatabase(slipwayDatabase);
            server.dropDatabase(flywayDatabase);
        }
    }

    /** One timed start, checked and stopped. */
    private record Start(AppProcess.Ready ready, long healthyNanos) {}

    private Start start(StartupVariant variant) throws Exception {
        List<String> arguments = new ArrayList<>(variant.arguments());
        String database = databases.get(variant);
        arguments.add("--spring.datasource.url=" + server.jdbcUrl(database));
        if (server.username() != null) {
            arguments.add("--spring.datasource.username=" + server.username());
        }
        if (server.password() != null) {
            arguments.add("--spring.datasource.password=" + server.password());
        }
        arguments.add("--management.endpoints.web.exposure.include=health");
        Path log = options.logs()
                .resolve(String.format(
                        Locale.ROOT, "%03d-%s.log", ++starts, variant.name().toLowerCase(Locale.ROOT)));
        AppProcess app = AppProcess.start(classPath, jvmOptions(), arguments, log);
        try {
            AppProcess.Ready ready = app.awaitReady(START_TIMEOUT);
            long healthy = app.awaitHealthy(START_TIMEOUT);
            variant.check(ready);
            return new Start(ready, healthy);
        } finally {
            app.stop();
        }
    }

    /** The same for every start: a fixed heap, and every library logging at INFO as an application does. */
    private static List<String> jvmOptions() {
        return List.of("-Xms256m", "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    }

    /** Starts the variant once so that it applies everything; checks that it did; returns the history's fingerprint. */
    private String prepare(StartupVariant variant, String fingerprint, String appliedCount) throws Exception {
        Start start = start(variant);
        String database = databases.get(variant);
        long applied = Long.parseLong(server.queryString(database, appliedCount));
        long generatedTables = Long.parseLong(server.queryString(
                database,
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename ~ '^t_[0-9]+$'"));
        if (applied != migrations.count() || generatedTables != migrations.generatedCount()) {
            throw new IllegalStateException(variant.label() + " applied " + applied + " migrations and created "
                    + generatedTables + " generated tables; expected " + migrations.count() + " and "
                    + migrations.generatedCount());
        }
        BenchmarkSupport.log(String.format(
                Locale.ROOT,
                "prepared: %s applied %d migrations in a start of %.0f ms",
                variant.label(),
                applied,
                start.ready().nanosSinceLaunch() / 1e6));
        return server.queryString(database, fingerprint);
    }

    private void unchanged(String database, String fingerprint, String expected, StartupVariant after)
            throws Exception {
        String now = server.queryString(database, fingerprint);
        if (!now.equals(expected)) {
            throw new IllegalStateException("A history table changed after a start of " + after.label() + ": "
                    + expected + " -> " + now + "; the benchmark expects nothing to be applied");
        }
    }
}
