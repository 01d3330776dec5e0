package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The wall time of {@code slipway status} (the command line's jar, a process of its own) on a database with every
 * migration applied, against Flyway's command line {@code info} on the same files.
 *
 * <ol>
 *   <li>Write {@code --migrations} files {@code V<n>__create_t_<n>.sql} ({@code CREATE TABLE} + {@code COMMENT ON
 *       TABLE}) to a temporary folder: both tools read that naming from a {@code filesystem:} location.</li>
 *   <li>Create two databases; apply the files once with {@code slipway deploy} to the first and once with Flyway's
 *       {@code migrate} to the second (each tool has its own history table), unmeasured; check that each history
 *       lists every migration.</li>
 *   <li>For every round (warm-up rounds first, not recorded), run {@code slipway status} and {@code flyway info} once
 *       each, in an order swapped every round; time each from just before the launch to the end of the process;
 *       check the exit code (0: up to date) and that the output names the last migration.</li>
 *   <li>Report medians, minimums and the ratio to the report file and the block {@code status} of the checkout's
 *       {@code README.md}.</li>
 * </ol>
 */
public final class StatusBenchmark {

    static final String COMMAND = "./mvnw -B -Pstatus-benchmark -pl migrate-cli,benchmarks -am verify -DskipTests";
    static final double GOAL = 0.5;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** The JVM options the README's {@code slipway} alias gives: the C1 compiler only and the serial collector. */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    enum Tool {
        SLIPWAY("slipway status", true, List.of()),
        SLIPWAY_QUICK("slipway status, quick-start JVM options", true, QUICK_START),
        FLYWAY("flyway info", false, List.of()),
        FLYWAY_QUICK("flyway info, quick-start JVM options", false, QUICK_START);

        final String label;
        final boolean slipway;
        final List<String> jvmOptions;

        Tool(String label, boolean slipway, List<String> jvmOptions) {
            this.label = label;
            this.slipway = slipway;
            this.jvmOptions = jvmOptions;
        }
    }

    private final Map<String, String> options;
    private final BenchmarkServer server;
    private final Path migrations;
    private final Path logs;
    private final int count;
    private int runs;

    private StatusBenchmark(Map<String, String> options, BenchmarkServer server, Path migrations) {
        this.options = options;
        this.server = server;
        this.migrations = migrations;
        this.logs = Path.of(options.get("logs")).toAbsolutePath();
        this.count = Integer.parseInt(options.get("migrations"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("migrations", "1000");
        defaults.put("rounds", "9");
        defaults.put("warmup-rounds", "1");
        defaults.put("slipway-jar", "migrate-cli/target/slipway.jar");
        defaults.put("flyway-lib", "benchmarks/flyway-commandline/target/lib");
        defaults.put("flyway-version", "12.4.0");
        defaults.put("logs", "benchmarks/target/status-benchmark");
        defaults.put("slipway-version", "");
        Map<String, String> options = BenchmarkSupport.options(defaults, args);
        Path output = BenchmarkSupport.output(options);
        BenchmarkServer server = BenchmarkServer.fromEnvironment(System.getenv());
        String loadBefore = Machine.loadAverage();
        Optional<ReadmeBlock> readme =
                output == null ? Optional.empty() : ReadmeBlock.forRun(output, "status", "the status benchmark");
        Path folder = Files.createTempDirectory("slipway-status-benchmark");
        try {
            StatusBenchmark benchmark = new StatusBenchmark(options, server, folder);
            benchmark.writeMigrations();
            Map<Tool, List<Double>> times = benchmark.run();
            String serverVersion = server.serverVersion();
            String table = table(times);
            String markdown = report(options, times, table, serverVersion, loadBefore);
            System.out.println();
            System.out.println(markdown);
            if (output != null) {
                Files.createDirectories(output.getParent());
                Files.writeString(output, markdown, StandardCharsets.UTF_8);
                System.out.println("Written to " + output);
            }
            if (readme.isPresent()) {
                readme.get()
                        .write(readme.get().provenance(output, serverVersion, loadBefore) + summary(options, times)
                                + "\n\n" + table);
            }
        } finally {
            BenchmarkSupport.deleteTree(folder);
        }
    }

    private void writeMigrations() throws IOException {
        for (int i = 1; i <= count; i++) {
            String table = String.format(Locale.ROOT, "t_%04d", i);
            Files.writeString(
                    migrations.resolve("V" + i + "__create_" + table + ".sql"),
                    "CREATE TABLE " + table + " (id bigint primary key, payload text);\n" + "COMMENT ON TABLE " + table
                            + " IS 'generated table " + i + "';\n",
                    StandardCharsets.UTF_8);
        }
    }

    private Map<Tool, List<Double>> run() throws Exception {
        Files.createDirectories(logs);
        String slipwayDatabase = server.createDatabase();
        String flywayDatabase = server.createDatabase();
        Map<Tool, String> databases = new EnumMap<>(Tool.class);
        databases.put(Tool.SLIPWAY, slipwayDatabase);
        databases.put(Tool.FLYWAY, flywayDatabase);
        try {
            Run slipwayApply = launch(slipwayCommand(slipwayDatabase, "deploy", List.of()), "slipway-deploy");
            check(slipwayApply, "slipway deploy", 0, null);
            Run flywayApply = launch(flywayCommand(flywayDatabase, "migrate", List.of()), "flyway-migrate");
            check(flywayApply, "flyway migrate", 0, null);
            applied(
                    slipwayDatabase,
                    "SELECT count(*) FROM slipway_migrations WHERE finished_at IS NOT NULL",
                    "Slipway");
            applied(
                    flywayDatabase,
                    "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL",
                    "Flyway");
            BenchmarkSupport.log(String.format(
                    Locale.ROOT,
                    "applied %d migrations: slipway deploy %.0f ms, flyway migrate %.0f ms",
                    count,
                    slipwayApply.millis(),
                    flywayApply.millis()));
            Map<Tool, List<Double>> times = new EnumMap<>(Tool.class);
            for (Tool tool : Tool.values()) {
                times.put(tool, new ArrayList<>());
            }
            int warmup = Integer.parseInt(options.get("warmup-rounds"));
            int rounds = Integer.parseInt(options.get("rounds"));
            String last = String.format(Locale.ROOT, "t_%04d", count);
            for (int round = -warmup; round < rounds; round++) {
                String label = round < 0
                        ? "warm-up " + (round + warmup + 1) + "/" + warmup
                        : "round " + (round + 1) + "/" + rounds;
                for (Tool tool : BenchmarkSupport.rotated(List.of(Tool.values()), round + warmup)) {
                    List<String> command = tool.slipway
                            ? slipwayCommand(slipwayDatabase, "status", tool.jvmOptions)
                            : flywayCommand(flywayDatabase, "info", tool.jvmOptions);
                    Run run = launch(command, tool.name().toLowerCase(Locale.ROOT));
                    // Flyway's table shows descriptions with spaces for underscores: "create t 0001"
                    check(run, tool.label, 0, tool.slipway ? "create_" + last : "create " + last.replace('_', ' '));
                    BenchmarkSupport.log(
                            String.format(Locale.ROOT, "%s: %-40s %6.0f ms", label, tool.label, run.millis()));
                    if (round >= 0) {
                        times.get(tool).add(run.millis());
                    }
                }
            }
            return times;
        } finally {
            server.dropDatabase(slipwayDatabase);
            server.dropDatabase(flywayDatabase);
        }
    }

    private List<String> slipwayCommand(String database, String command, List<String> jvmOptions) {
        List<String> line = new ArrayList<>(List.of(java()));
        line.addAll(jvmOptions);
        line.addAll(List.of(
                "-jar",
                Path.of(options.get("slipway-jar")).toAbsolutePath().toString(),
                command,
                "--url",
                server.jdbcUrl(database),
                "--locations",
                "filesystem:" + migrations));
        if (server.username() != null) {
            line.addAll(List.of("--user", server.username()));
        }
        if (server.password() != null) {
            line.addAll(List.of("--password", server.password()));
        }
        return line;
    }

    /** As Flyway's own {@code flyway} script starts it: {@code java -cp 'lib/*' org.flywaydb.commandline.Main}. */
    private List<String> flywayCommand(String database, String command, List<String> jvmOptions) {
        String lib = Path.of(options.get("flyway-lib")).toAbsolutePath() + "/*";
        List<String> line = new ArrayList<>(List.of(java()));
        line.addAll(jvmOptions); // as Flyway's script passes JAVA_ARGS
        line.addAll(List.of(
                "-cp",
                lib,
                "org.flywaydb.commandline.Main",
                "-url=" + server.jdbcUrl(database),
                "-locations=filesystem:" + migrations));
        if (server.username() != null) {
            line.add("-user=" + server.username());
        }
        if (server.password() != null) {
            line.add("-password=" + server.password());
        }
        line.add(command);
        return line;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Run(int exitCode, double millis, Path log) {}

    private Run launch(List<String> command, String name) throws IOException, InterruptedException {
        Path log = logs.resolve(String.format(Locale.ROOT, "%03d-%s.log", ++runs, name));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // No telemetry from Flyway's command line: no network call in the measured time
        builder.environment().put("REDGATE_DISABLE_TELEMETRY", "true");
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not end within " + TIMEOUT + "; its output: " + log);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        return new Run(process.exitValue(), millis, log);
    }

    private static void check(Run run, String what, int exitCode, String expected) throws IOException {
        String output = Files.readString(run.log(), StandardCharsets.UTF_8);
        if (run.exitCode() != exitCode || (expected != null && !output.contains(expected))) {
            throw new IllegalStateException(what + " ended with exit code " + run.exitCode() + " (expected " + exitCode
                    + (expected == null ? "" : ", and output naming " + expected) + "); its output: " + run.log());
        }
    }

    private void applied(String database, String sql, String tool) throws Exception {
        long applied = Long.parseLong(server.queryString(database, sql));
        if (applied != count) {
            throw new IllegalStateException(tool + " applied " + applied + " migrations; expected " + count);
        }
    }

    private static String table(Map<Tool, List<Double>> times) {
        double slipway = BenchmarkSupport.median(times.get(Tool.SLIPWAY));
        double flyway = BenchmarkSupport.median(times.get(Tool.FLYWAY));
        StringBuilder md = new StringBuilder();
        md.append("| | median wall time | fastest | slowest | ratio to Flyway (median) |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (Tool tool : Tool.values()) {
            List<Double> values = times.get(tool);
            double median = BenchmarkSupport.median(values);
            md.append(String.format(
                    Locale.ROOT,
                    "| `%s` | %,.0f ms | %,.0f ms | %,.0f ms | %.2f |%n",
                    tool.label,
                    median,
                    values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    median / flyway));
        }
        double ratio = slipway / flyway;
        double quick = BenchmarkSupport.median(times.get(Tool.SLIPWAY_QUICK)) / flyway;
        double quickBoth = BenchmarkSupport.median(times.get(Tool.SLIPWAY_QUICK))
                / BenchmarkSupport.median(times.get(Tool.FLYWAY_QUICK));
        md.append(String.format(
                Locale.ROOT,
                "%nGoal: `slipway status` at most %.1f x Flyway's `info` (as each is "
                        + "started by default). Measured: %.2f x, goal %s. With the quick-start options (`%s`, the README's "
                        + "`slipway` alias): %.2f x Flyway's default start, %.2f x Flyway given the same options.",
                GOAL,
                ratio,
                ratio <= GOAL ? "met" : "missed",
                String.join(" ", QUICK_START),
                quick,
                quickBoth));
        return md.toString();
    }

    private static String summary(Map<String, String> options, Map<Tool, List<Double>> times) {
        return String.format(
                Locale.ROOT,
                "%s applied migrations (`V<n>__create_t_<n>.sql`, read from one `filesystem:` "
                        + "folder by both tools); %d rounds after %s warm-up, each running both tools once as a process of its "
                        + "own in an order swapped every round; wall time from launch to exit. Slipway: "
                        + "`migrate-cli/target/slipway.jar` (`java -jar`). Flyway: the command line %s "
                        + "(`org.flywaydb:flyway-commandline` and every jar it ships, started as its `flyway` script does: "
                        + "`java -cp 'lib/*' org.flywaydb.commandline.Main`). Each also runs with the quick-start JVM "
                        + "options `" + String.join(" ", QUICK_START)
                        + "` (Flyway's script passes them from `JAVA_ARGS`).",
                options.get("migrations"),
                times.get(Tool.SLIPWAY).size(),
                options.get("warmup-rounds"),
                options.get("flyway-version"));
    }

    private static String report(
            Map<String, String> options,
            Map<Tool, List<Double>> times,
            String table,
            String serverVersion,
            String loadBefore) {
        StringBuilder md = new StringBuilder();
        md.append("# Status benchmark\n\n")
                .append("The wall time of `slipway status` on a database where every migration is applied, against\n")
                .append("Flyway's command line `info` on the same files. Run from the repository root (PostgreSQL at\n")
                .append(
                        "127.0.0.1:5432 as postgres, or the server in `SLIPWAY_TEST_JDBC_URL` / `SLIPWAY_TEST_USERNAME` /\n")
                .append("`SLIPWAY_TEST_PASSWORD`):\n\n")
                .append("```\n")
                .append(COMMAND)
                .append("\n```\n\n")
                .append(
                        "The profile first lays out Flyway's command line from `benchmarks/flyway-commandline/pom.xml`\n")
                .append(
                        "(its `lib/` folder, as the distribution has it) and builds `slipway.jar`. `-Dstatus.rounds=`,\n")
                .append(
                        "`-Dstatus.warmupRounds=` and `-Dstatus.migrations=` change the defaults (9, 1, 1000). Each run's\n")
                .append("output goes to `benchmarks/target/status-benchmark/`.\n\n")
                .append("## What is measured\n\n")
                .append(summary(options, times))
                .append("\n\n")
                .append(
                        "Both run with the JVM's defaults (no heap or JIT flags), their output to a file; Flyway with\n")
                .append("`REDGATE_DISABLE_TELEMETRY=true` so that no network call is timed. Each run's exit code is\n")
                .append("checked (0: up to date) and its output must name the last migration.\n\n")
                .append("## Results\n\n")
                .append(table)
                .append("\n\n")
                .append("## Machine\n\n")
                .append("- PostgreSQL ")
                .append(serverVersion)
                .append("\n")
                .append(Machine.describe(loadBefore))
                .append("\n");
        return md.toString();
    }
}
