package dev.slipway.benchmarks;

import dev.slipway.migrate.internal.schema.CatalogReader;
import dev.slipway.migrate.internal.schema.SchemaDiffer;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.PlanStep;
import dev.slipway.migrate.schema.SchemaDiff;
import dev.slipway.migrate.schema.SchemaPlan;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Reading and diffing a large application schema: Slipway's catalog reader and differ end to end, the public
 * {@link SchemaDiff} facade, and {@code pg_dump --schema-only} side by side (issue 16).
 *
 * <ol>
 *   <li>Build database A from {@link SchemaDiffSchema#baseline} ({@code --tables} tables, 500 by default), then B as
 *       a copy of A ({@code CREATE DATABASE ... TEMPLATE}) with {@link SchemaDiffSchema#release} applied.</li>
 *   <li>Check the plan once, unmeasured: read A and B, plan A to B, apply the plan to a third copy of A (runs of
 *       transactional steps in one transaction, the others alone), read that copy and plan again: the run fails
 *       unless that second plan is empty.</li>
 *   <li>For every round (warm-up rounds first, reported apart, not in the medians), in an order rotated every round:
 *       Slipway end to end (open a connection to A and one to B, {@code CatalogReader.readWithStats} of each,
 *       {@code SchemaDiffer.plan}, close), each part timed; {@code SchemaDiff.plan("url:A", "url:B")} through the
 *       public facade; {@code pg_dump --schema-only} of A and of B, each a process timed from launch to exit. Every
 *       plan must have as many steps as the checked one.</li>
 *   <li>Report medians, minimums and ratios to the report file, the block {@code schema-diff} of
 *       {@code docs/benchmarks.md} (when that file exists) and of the checkout's {@code README.md}.</li>
 * </ol>
 */
public final class SchemaDiffBenchmark {

    static final String COMMAND = "./mvnw -B -Pschema-diff-benchmark -pl benchmarks -am verify -DskipTests";

    /** The goal of issue 16: reading both schemas and planning, end to end, in under 2 s. */
    static final double GOAL_MILLIS = 2_000;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final BenchmarkServer server;
    private final SchemaDiffPgDump pgDump;
    private final String a;
    private final String b;

    /** The figures of one round, each time in nanoseconds. */
    record Round(
            long connect,
            long readA,
            long readB,
            long plan,
            long total,
            long cpuReadA,
            long cpuReadB,
            long cpuPlan,
            long cpuTotal,
            long serverReadA,
            long serverReadB,
            int roundTripsA,
            int roundTripsB,
            int steps,
            long facade,
            long dumpA,
            long dumpB) {

        long dumps() {
            return dumpA + dumpB;
        }
    }

    /** What the unmeasured check found: the plan, how long applying it took, and the plan after it (empty). */
    record Check(DatabaseSchema schemaA, DatabaseSchema schemaB, SchemaPlan plan, long applyNanos, SchemaPlan second) {}

    private SchemaDiffBenchmark(BenchmarkServer server, SchemaDiffPgDump pgDump, String a, String b) {
        this.server = server;
        this.pgDump = pgDump;
        this.a = a;
        this.b = b;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("tables", "500");
        defaults.put("rounds", "5");
        defaults.put("warmup-rounds", "1");
        defaults.put("slipway-version", "");
        Map<String, String> options = BenchmarkSupport.options(defaults, args);
        int tables = Integer.parseInt(options.get("tables"));
        int rounds = Integer.parseInt(options.get("rounds"));
        int warmupRounds = Integer.parseInt(options.get("warmup-rounds"));
        if (rounds < 1 || warmupRounds < 0) {
            throw new IllegalArgumentException("--rounds must be at least 1 and --warmup-rounds at least 0");
        }
        Path output = BenchmarkSupport.output(options);
        BenchmarkServer server = BenchmarkServer.fromEnvironment(System.getenv());
        String loadBefore = Machine.loadAverage();
        Optional<ReadmeBlock> readme = output == null
                ? Optional.empty()
                : ReadmeBlock.forRun(output, BenchmarkSummary.SCHEMA_DIFF.block(), "the schema diff benchmark");
        Path benchmarks = output == null ? null : output.resolveSibling("benchmarks.md");
        if (benchmarks != null && Files.exists(benchmarks)) {
            // Fail now, not after the run, when docs/benchmarks.md lacks the block's markers
            MarkedBlock.replace(
                    Files.readString(benchmarks, StandardCharsets.UTF_8),
                    BenchmarkSummary.SCHEMA_DIFF.block(),
                    "",
                    benchmarks.toString());
        }
        Path folder = Files.createTempDirectory("slipway-schema-diff-benchmark");
        SchemaDiffSchema schema = new SchemaDiffSchema(tables);
        List<String> databases = new ArrayList<>();
        try {
            SchemaDiffPgDump pgDump = new SchemaDiffPgDump(server, folder);
            BenchmarkSupport.log("Building database A: " + tables + " tables");
            long buildStart = System.nanoTime();
            String a = create(server, null, databases);
            execute(server, a, schema.baseline());
            String b = create(server, a, databases);
            execute(server, b, schema.release());
            long buildNanos = System.nanoTime() - buildStart;
            SchemaDiffBenchmark benchmark = new SchemaDiffBenchmark(server, pgDump, a, b);
            String copy = create(server, a, databases);
            Check check = benchmark.check(copy, tables);
            BenchmarkSupport.log("Plan checked: " + check.plan().steps().size()
                    + " steps applied to a copy of A, second plan empty");
            List<Round> warmups = new ArrayList<>();
            List<Round> measured = new ArrayList<>();
            for (int round = -warmupRounds; round < rounds; round++) {
                Round result = benchmark.round(
                        round + warmupRounds, check.plan().steps().size());
                (round < 0 ? warmups : measured).add(result);
                BenchmarkSupport.log(String.format(
                        java.util.Locale.ROOT,
                        "%s %d: Slipway %.0f ms (read A %.0f, read B %.0f, plan %.0f), facade %.0f ms, pg_dump x2 %.0f ms",
                        round < 0 ? "Warm-up round" : "Round",
                        round < 0 ? round + warmupRounds + 1 : round + 1,
                        result.total() / 1e6,
                        result.readA() / 1e6,
                        result.readB() / 1e6,
                        result.plan() / 1e6,
                        result.facade() / 1e6,
                        result.dumps() / 1e6));
            }
            SchemaDiffReport report = new SchemaDiffReport(
                    options,
                    server,
                    pgDump,
                    check,
                    warmups,
                    measured,
                    buildNanos,
                    loadBefore,
                    readme.map(ReadmeBlock::checkout).or(() -> checkoutOf(output)));
            String markdown = report.toMarkdown();
            System.out.println();
            System.out.println(markdown);
            if (output != null) {
                Files.createDirectories(output.getParent());
                Files.writeString(output, markdown, StandardCharsets.UTF_8);
                System.out.println("Written to " + output);
                BenchmarkSummary.SCHEMA_DIFF.refresh(benchmarks, output);
                if (Files.exists(benchmarks)) {
                    System.out.println("Figures updated in " + benchmarks);
                }
            }
            if (readme.isPresent()) {
                readme.get().write(report.readmeBlock(readme.get()));
            }
        } finally {
            for (String database : databases) {
                server.dropDatabase(database);
            }
            BenchmarkSupport.deleteTree(folder);
        }
    }

    private static Optional<Checkout> checkoutOf(Path output) {
        try {
            return Checkout.containing(output);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Creates a database, empty or as a copy of {@code template}, and notes it for dropping at the end. */
    private static String create(BenchmarkServer server, String template, List<String> databases) throws SQLException {
        String name =
                "slipway_bench_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        try (Connection admin = server.connect(null);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        }
        databases.add(name);
        return name;
    }

    private static void execute(BenchmarkServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private DatabaseSchema read(String database) throws SQLException {
        try (Connection connection = server.connect(database)) {
            return CatalogReader.read(connection, CatalogReader.Options.defaults());
        }
    }

    /**
     * Plans A to B, applies the plan to {@code copy} (a copy of A) and plans again from the copy to B; fails unless
     * the second plan is empty and the models hold the tables the schema was built with.
     */
    private Check check(String copy, int tables) throws SQLException {
        DatabaseSchema schemaA = read(a);
        DatabaseSchema schemaB = read(b);
        if (schemaA.tables().size() != tables || schemaB.tables().size() != tables) {
            throw new IllegalStateException(
                    "The catalog reader found " + schemaA.tables().size() + " tables in A and "
                            + schemaB.tables().size() + " in B; the benchmark built " + tables + " in each");
        }
        SchemaPlan plan = SchemaDiffer.plan(schemaA, schemaB);
        if (plan.steps().isEmpty()) {
            throw new IllegalStateException("The plan from A to B is empty although B has a release applied");
        }
        long start = System.nanoTime();
        apply(copy, plan);
        long applyNanos = System.nanoTime() - start;
        SchemaPlan second = SchemaDiffer.plan(read(copy), schemaB);
        if (!second.isEmpty()) {
            throw new IllegalStateException("The plan from A to B, applied to a copy of A, leaves a second plan of "
                    + second.steps().size() + " steps and "
                    + second.unsupported().size()
                    + " unsupported objects; it should leave none. The second plan:\n" + second.script()
                    + second.unsupported().stream().map(Object::toString).collect(Collectors.joining("\n"))
                    + "\nThe first plan:\n" + plan.script());
        }
        return new Check(schemaA, schemaB, plan, applyNanos, second);
    }

    /** Applies a plan as migrations would: runs of transactional steps in one transaction, other steps alone. */
    private void apply(String database, SchemaPlan plan) throws SQLException {
        try (Connection connection = server.connect(database)) {
            boolean inTransaction = false;
            for (PlanStep step : plan.steps()) {
                if (step.transactional() && !inTransaction) {
                    connection.setAutoCommit(false);
                    inTransaction = true;
                } else if (!step.transactional() && inTransaction) {
                    connection.commit();
                    connection.setAutoCommit(true);
                    inTransaction = false;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute(step.sql());
                } catch (SQLException e) {
                    throw new IllegalStateException(
                            "Step " + (plan.steps().indexOf(step) + 1) + " of the plan from A to B failed on a copy"
                                    + " of A: " + step.sql() + "\n" + e.getMessage() + "\nThe plan:\n"
                                    + plan.script(),
                            e);
                }
            }
            if (inTransaction) {
                connection.commit();
            }
        }
    }

    /** One round: each contender once, starting with another one every round. */
    private Round round(int index, int expectedSteps) throws Exception {
        long[] slipway = null;
        long facade = 0;
        SchemaDiffPgDump.Dump dumpA = null;
        SchemaDiffPgDump.Dump dumpB = null;
        for (String contender : BenchmarkSupport.rotated(List.of("slipway", "facade", "pg_dump"), index)) {
            switch (contender) {
                case "slipway" -> slipway = slipway(expectedSteps);
                case "facade" -> facade = facade(expectedSteps);
                default -> {
                    dumpA = pgDump.dump(a);
                    dumpB = pgDump.dump(b);
                }
            }
        }
        return new Round(
                slipway[0],
                slipway[1],
                slipway[2],
                slipway[3],
                slipway[4],
                slipway[5],
                slipway[6],
                slipway[7],
                slipway[8],
                slipway[9],
                slipway[10],
                (int) slipway[11],
                (int) slipway[12],
                expectedSteps,
                facade,
                dumpA.nanos(),
                dumpB.nanos());
    }

    /**
     * Connect, read A, read B, plan, total (wall, nanoseconds); read A, read B, plan, total (this thread's CPU,
     * nanoseconds); the server backend's CPU in read A and read B (nanoseconds, -1 when unknown); round trips of A and
     * of B.
     */
    private long[] slipway(int expectedSteps) throws SQLException {
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Connection toA = server.connect(a);
        Connection toB;
        try {
            toB = server.connect(b);
        } catch (SQLException e) {
            toA.close();
            throw e;
        }
        long connected = System.nanoTime();
        long cpuConnected = CPU.getCurrentThreadCpuTime();
        long cpuReadA;
        long cpuReadB;
        long serverReadA;
        long serverReadB;
        CatalogReader.Reading readingA;
        CatalogReader.Reading readingB;
        long readA;
        long readB;
        try (toA;
                toB) {
            long serverA = SchemaDiffBackendCpu.nanos(toA);
            readingA = CatalogReader.readWithStats(toA, CatalogReader.Options.defaults());
            readA = System.nanoTime();
            cpuReadA = CPU.getCurrentThreadCpuTime();
            serverReadA = SchemaDiffBackendCpu.between(serverA, SchemaDiffBackendCpu.nanos(toA));
            long serverB = SchemaDiffBackendCpu.nanos(toB);
            readingB = CatalogReader.readWithStats(toB, CatalogReader.Options.defaults());
            readB = System.nanoTime();
            cpuReadB = CPU.getCurrentThreadCpuTime();
            serverReadB = SchemaDiffBackendCpu.between(serverB, SchemaDiffBackendCpu.nanos(toB));
        }
        long closed = System.nanoTime();
        long cpuClosed = CPU.getCurrentThreadCpuTime();
        SchemaPlan plan = SchemaDiffer.plan(readingA.schema(), readingB.schema());
        long end = System.nanoTime();
        long cpuEnd = CPU.getCurrentThreadCpuTime();
        steps(plan, expectedSteps, "CatalogReader and SchemaDiffer");
        return new long[] {
            connected - start,
            readA - connected,
            readB - readA,
            end - closed,
            end - start,
            cpuReadA - cpuConnected,
            cpuReadB - cpuReadA,
            cpuEnd - cpuClosed,
            cpuEnd - cpuStart,
            serverReadA,
            serverReadB,
            readingA.stats().roundTrips(),
            readingB.stats().roundTrips()
        };
    }

    private long facade(int expectedSteps) {
        long start = System.nanoTime();
        SchemaPlan plan = SchemaDiff.builder()
                .connection(server.jdbcUrl("postgres"), server.username(), server.password())
                .build()
                .plan("url:" + server.jdbcUrl(a), "url:" + server.jdbcUrl(b));
        long nanos = System.nanoTime() - start;
        steps(plan, expectedSteps, "SchemaDiff.plan");
        return nanos;
    }

    private static void steps(SchemaPlan plan, int expected, String what) {
        if (plan.steps().size() != expected) {
            throw new IllegalStateException(what + " planned " + plan.steps().size() + " steps from A to B in a round;"
                    + " the checked plan has " + expected + ". The plan:\n" + plan.script());
        }
    }
}
