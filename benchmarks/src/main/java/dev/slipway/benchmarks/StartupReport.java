package dev.slipway.benchmarks;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The startup benchmark's results as Markdown: how to run it, what it measures, times, added times, machine. */
final class StartupReport {

    static final String COMMAND = "./mvnw -B -Pstartup-benchmark -pl benchmarks -am verify -DskipTests";

    private final StartupOptions options;
    private final BenchmarkServer server;
    private final StartupMigrations migrations;
    private final StartupResults results;
    private final String loadBefore;
    private final Optional<Checkout> checkout;

    StartupReport(
            StartupOptions options,
            BenchmarkServer server,
            StartupMigrations migrations,
            StartupResults results,
            String loadBefore,
            Optional<Checkout> checkout) {
        this.options = options;
        this.server = server;
        this.migrations = migrations;
        this.results = results;
        this.loadBefore = loadBefore;
        this.checkout = checkout;
    }

    String toMarkdown() throws SQLException {
        StringBuilder md = new StringBuilder();
        md.append("# Startup benchmark\n\n")
                .append("How much time Slipway's starter adds to the start of a small Spring Boot web app when every\n")
                .append("migration is already applied, against what Spring Boot's Flyway starter adds on the same\n")
                .append("migrations. Run from the repository root (PostgreSQL at 127.0.0.1:5432 as postgres, or the\n")
                .append("server in `SLIPWAY_TEST_JDBC_URL` / `SLIPWAY_TEST_USERNAME` / `SLIPWAY_TEST_PASSWORD`):\n\n")
                .append("```\n")
                .append(COMMAND)
                .append("\n```\n\n")
                .append(
                        "`-Dstartup.rounds=`, `-Dstartup.warmupRounds=` and `-Dstartup.generatedMigrations=` change the\n")
                .append(
                        "defaults (20, 1, 100). The run prints this file and writes it to `docs/startup-benchmark.md`,\n")
                .append("and its figures to the block `startup` of `README.md`; each start's output goes to\n")
                .append("`benchmarks/target/startup-benchmark/`. `./mvnw verify` compiles\n")
                .append("the benchmark but never runs it. The migration benchmark is a separate profile, see\n")
                .append("[benchmarks.md](benchmarks.md); the backfill benchmark, see\n")
                .append("[backfill-benchmark.md](backfill-benchmark.md).\n\n");

        md.append("## What is measured\n\n")
                .append(
                        "- The app (`benchmarks/src/main/java/dev/slipway/benchmarks/app`): Spring MVC on Tomcat, Actuator\n")
                .append(
                        "  (health exposed), HikariCP, a controller that uses `JdbcClient`; Slipway's starter and Spring\n")
                .append("  Boot's Flyway starter are both on its class path, and the command line picks the variant:\n")
                .append(
                        "  **no migration tool** (`--slipway.enabled=false --spring.flyway.enabled=false`), **Slipway**\n")
                .append(
                        "  (`--spring.flyway.enabled=false`), **Flyway** (`--slipway.enabled=false`). Each start checks\n")
                .append("  that the context held exactly the variant's tool. The Flyway variant also sets\n")
                .append(
                        "  `spring.flyway.postgresql.transactional-lock=false`: with Flyway's default, its lock is held in\n")
                .append(
                        "  an open transaction, and the sample app's `CREATE INDEX CONCURRENTLY` migration waits for that\n")
                .append(
                        "  transaction for ever (the first apply hangs); this is Flyway's documented fix. Slipway needs no\n")
                .append("  setting for it.\n")
                .append(String.format(
                        Locale.ROOT,
                        "- Migrations: the sample app's %d, copied from `sample-app`, then %d "
                                + "generated ones (`CREATE TABLE t_0001 (id bigint primary key, payload text);` plus a "
                                + "`COMMENT ON TABLE`), %d in all, in both namings: `db/migrations/<version>_<name>/migration.sql` "
                                + "for Slipway and `db/migration/V<version>__<name>.sql` for Flyway, both tools' default "
                                + "locations.%n",
                        migrations.sampleCount(),
                        migrations.generatedCount(),
                        migrations.count()))
                .append(
                        "- Nothing pending: before the rounds, one unmeasured start of each tool applies everything to a\n")
                .append("  database of its own; after every measured start the benchmark checks that neither history\n")
                .append("  table changed. The variant without a tool starts on Slipway's database.\n")
                .append("- Every start is a fresh JVM (`-Xms256m -Xmx512m`, default GC) on the same class path;\n")
                .append("  libraries log at INFO through slf4j-simple (Logback is left out, for all variants alike).\n")
                .append("- **ready**: from just before the process is launched to the line that an\n")
                .append(
                        "  `ApplicationReadyEvent` listener prints, read from the process's output. **JVM uptime**: the\n")
                .append(
                        "  JVM's own uptime at that event, **JVM CPU** the CPU time it had used. **health UP**: to the first `UP` from `/actuator/health`\n")
                .append("  (polled every 5 ms after ready), which includes the first database connection in every\n")
                .append("  variant.\n")
                .append(String.format(
                        Locale.ROOT,
                        "- %d warm-up round(s), then %d measured rounds; each round starts "
                                + "every variant once, in an order rotated by one every round.%n%n",
                        options.warmupRounds(),
                        options.rounds()));

        md.append("## Results\n\n")
                .append("Medians over the measured rounds, and the fastest start.\n\n")
                .append("| variant | ready | ready min | JVM uptime at ready | JVM CPU at ready | health UP |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (StartupVariant variant : StartupVariant.values()) {
            StartupResults.Starts starts = results.of(variant);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n",
                    variant.label(),
                    starts.ready().medianMillis(),
                    starts.ready().minMillis(),
                    starts.uptime().medianMillis(),
                    starts.cpu().medianMillis(),
                    starts.healthy().medianMillis()));
        }

        md.append("\n## Time added over the app without a migration tool\n\n")
                .append(
                        "\"of medians\" is the variant's median minus the baseline's; \"per round\" takes the difference\n")
                .append("within each round (the variants start back to back, under the same load) and gives the\n")
                .append("median of those. JVM CPU is the CPU time the child JVM had used at ready (every thread: the\n")
                .append("JIT compilers and the GC too), which other load on the machine changes less than wall-clock\n")
                .append("time; it leaves out time spent waiting for the database.\n\n")
                .append("| tool | ready: of medians | ready: per round | health UP: of medians | health UP: per round "
                        + "| JVM CPU: of medians | JVM CPU: per round |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        List<Function<StartupResults.Starts, Samples>> measures =
                List.of(StartupResults.Starts::ready, StartupResults.Starts::healthy, StartupResults.Starts::cpu);
        for (StartupVariant tool : List.of(StartupVariant.SLIPWAY, StartupVariant.FLYWAY)) {
            md.append("| ").append(tool.label());
            for (Function<StartupResults.Starts, Samples> measure : measures) {
                md.append(String.format(
                        Locale.ROOT,
                        " | %+.0f ms | %+.0f ms",
                        addedOfMedians(tool, measure),
                        addedPerRound(tool, measure)));
            }
            md.append(" |\n");
        }
        md.append("| **Slipway-added / Flyway-added**");
        for (Function<StartupResults.Starts, Samples> measure : measures) {
            md.append(" | **")
                    .append(ratio(
                            addedOfMedians(StartupVariant.SLIPWAY, measure),
                            addedOfMedians(StartupVariant.FLYWAY, measure)))
                    .append("** | ")
                    .append(ratio(
                            addedPerRound(StartupVariant.SLIPWAY, measure),
                            addedPerRound(StartupVariant.FLYWAY, measure)));
        }
        md.append(" |\n");
        md.append("\nAdded time to ready, round by round (ms):\n\n");
        for (StartupVariant tool : List.of(StartupVariant.SLIPWAY, StartupVariant.FLYWAY)) {
            md.append("- ")
                    .append(tool.label())
                    .append(": ")
                    .append(results.addedPerRound(tool, StartupResults.Starts::ready).stream()
                            .map(ms -> String.format(Locale.ROOT, "%+.0f", ms))
                            .collect(Collectors.joining(" ")))
                    .append('\n');
        }

        md.append("\n## Machine and versions\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "- Run: %s%n",
                        ZonedDateTime.now(ZoneOffset.UTC)
                                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))))
                .append(checkout.map(c -> "- Commit: " + c.describe() + "\n").orElse(""))
                .append(Machine.describe(loadBefore))
                .append('\n')
                .append("- PostgreSQL: ")
                .append(server.serverVersion())
                .append(" at `")
                .append(server.adminUrl())
                .append("`\n")
                .append("- Libraries: ")
                .append(String.join(
                        ", ",
                        List.of(
                                "Slipway " + options.slipwayVersion(),
                                "Spring Boot " + Versions.springBoot(),
                                "Spring Framework " + Versions.springFramework(),
                                "Flyway " + Versions.of("org.flywaydb", "flyway-core"),
                                "PostgreSQL JDBC " + Versions.postgresqlDriver(),
                                "HikariCP " + Versions.of("com.zaxxer", "HikariCP"))))
                .append('\n');
        return md.toString();
    }

    /**
     * The block of {@code README.md}: provenance, what ran and which statistic, each variant's median time to ready
     * and the time each tool adds, and the ratio of the two tools' added times.
     */
    String readmeBlock(ReadmeBlock readme) throws SQLException {
        StringBuilder md = new StringBuilder(readme.provenance(options.output(), server.serverVersion(), loadBefore));
        md.append(String.format(
                        Locale.ROOT,
                        "A Spring Boot web app with %d migrations, all applied already (the sample "
                                + "app's %d and %d generated); %d measured round(s) after %d warm-up round(s), each starting every "
                                + "variant once in a JVM of its own. Ready: the median over the rounds of the time from launch "
                                + "to `ApplicationReadyEvent`; added: a tool's median minus the median without a tool, and the "
                                + "median of the same difference taken within each round.%n%n",
                        migrations.count(),
                        migrations.sampleCount(),
                        migrations.generatedCount(),
                        options.rounds(),
                        options.warmupRounds()))
                .append("| | ready (median) | added: of medians | added: median per round |\n")
                .append("|---|---:|---:|---:|\n");
        for (StartupVariant variant : StartupVariant.values()) {
            boolean tool = variant != StartupVariant.BASELINE;
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f ms | %s | %s |%n",
                    variant.label(),
                    results.of(variant).ready().medianMillis(),
                    tool
                            ? String.format(
                                    Locale.ROOT, "%+.0f ms", addedOfMedians(variant, StartupResults.Starts::ready))
                            : "",
                    tool
                            ? String.format(
                                    Locale.ROOT, "%+.0f ms", addedPerRound(variant, StartupResults.Starts::ready))
                            : ""));
        }
        md.append(String.format(
                Locale.ROOT,
                "%nSlipway's starter adds %s times what Spring Boot's Flyway starter adds to "
                        + "ready (of medians; per round: %s).%n",
                ratio(
                        addedOfMedians(StartupVariant.SLIPWAY, StartupResults.Starts::ready),
                        addedOfMedians(StartupVariant.FLYWAY, StartupResults.Starts::ready)),
                ratio(
                        addedPerRound(StartupVariant.SLIPWAY, StartupResults.Starts::ready),
                        addedPerRound(StartupVariant.FLYWAY, StartupResults.Starts::ready))));
        return md.toString();
    }

    private double addedOfMedians(StartupVariant tool, Function<StartupResults.Starts, Samples> measure) {
        return measure.apply(results.of(tool)).medianMillis()
                - measure.apply(results.of(StartupVariant.BASELINE)).medianMillis();
    }

    private double addedPerRound(StartupVariant tool, Function<StartupResults.Starts, Samples> measure) {
        return BenchmarkSupport.median(results.addedPerRound(tool, measure));
    }

    /** The ratio, or "n/a" when Flyway added nothing measurable, where a ratio would mean nothing. */
    private static String ratio(double slipwayAdded, double flywayAdded) {
        return flywayAdded <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", slipwayAdded / flywayAdded);
    }
}
