package dev.slipway.benchmarks;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.PlanStep;
import dev.slipway.migrate.schema.Table;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** The schema diff benchmark's results as Markdown: what ran, side by side, Slipway's parts, the check, the machine. */
final class SchemaDiffReport {

    private final Map<String, String> options;
    private final BenchmarkServer server;
    private final SchemaDiffPgDump pgDump;
    private final SchemaDiffBenchmark.Check check;
    private final List<SchemaDiffBenchmark.Round> warmups;
    private final List<SchemaDiffBenchmark.Round> rounds;
    private final long buildNanos;
    private final String loadBefore;
    private final Optional<Checkout> checkout;

    SchemaDiffReport(
            Map<String, String> options,
            BenchmarkServer server,
            SchemaDiffPgDump pgDump,
            SchemaDiffBenchmark.Check check,
            List<SchemaDiffBenchmark.Round> warmups,
            List<SchemaDiffBenchmark.Round> rounds,
            long buildNanos,
            String loadBefore,
            Optional<Checkout> checkout) {
        this.options = options;
        this.server = server;
        this.pgDump = pgDump;
        this.check = check;
        this.warmups = warmups;
        this.rounds = rounds;
        this.buildNanos = buildNanos;
        this.loadBefore = loadBefore;
        this.checkout = checkout;
    }

    private Samples samples(ToLongFunction<SchemaDiffBenchmark.Round> part) {
        Samples samples = new Samples();
        rounds.forEach(round -> samples.add(part.applyAsLong(round)));
        return samples;
    }

    /** The median over rounds of a round's {@code part} over its two pg_dump runs. */
    private double ratioToDumps(ToLongFunction<SchemaDiffBenchmark.Round> part) {
        List<Double> perRound = new ArrayList<>();
        rounds.forEach(round -> perRound.add((double) part.applyAsLong(round) / round.dumps()));
        return BenchmarkSupport.median(perRound);
    }

    private String cold(ToLongFunction<SchemaDiffBenchmark.Round> part) {
        return warmups.isEmpty() ? "n/a" : millis(part.applyAsLong(warmups.get(0)) / 1e6);
    }

    /**
     * E.g. " CPU spent: 180 ms in the JVM's thread and 750 ms in the server's backends (medians), so the rest of the
     * wall time was waiting, for the server or for a core.", or "" when the server's CPU is unknown.
     */
    private String cpuNote() {
        if (rounds.stream().anyMatch(round -> round.serverReadA() < 0 || round.serverReadB() < 0)) {
            return "";
        }
        double jvm = samples(SchemaDiffBenchmark.Round::cpuTotal).medianMillis();
        double server =
                samples(round -> round.serverReadA() + round.serverReadB()).medianMillis();
        return String.format(
                Locale.ROOT,
                " CPU spent: %s in the JVM's thread and %s in the server's backends (medians), %s in all; the rest of"
                        + " the wall time was waiting for a core (load average %s before the run on %d cores) or for"
                        + " the server.",
                millis(jvm),
                millis(server),
                millis(jvm + server),
                loadBefore.split(",")[0].strip(),
                Runtime.getRuntime().availableProcessors());
    }

    boolean goalMet() {
        return samples(SchemaDiffBenchmark.Round::total).medianMillis() < SchemaDiffBenchmark.GOAL_MILLIS;
    }

    /** The side-by-side table, also copied into {@code docs/benchmarks.md} and the README. */
    String sideBySide() {
        StringBuilder md = new StringBuilder();
        SchemaDiffBenchmark.Round last = rounds.get(rounds.size() - 1);
        md.append("| | median | fastest | first (warm-up) run | / pg_dump (median per round) | under 2 s"
                        + " | catalog round trips |\n")
                .append("|---|---:|---:|---:|---:|:---:|---:|\n");
        row(
                md,
                "Slipway end to end: connect, read A and B, plan",
                SchemaDiffBenchmark.Round::total,
                true,
                String.valueOf(last.roundTripsA() + last.roundTripsB()));
        row(md, "`SchemaDiff.plan(\"url:A\", \"url:B\")` (public API)", SchemaDiffBenchmark.Round::facade, true, "");
        row(md, "`pg_dump --schema-only` of A and of B", SchemaDiffBenchmark.Round::dumps, false, "");
        return md.toString();
    }

    private void row(
            StringBuilder md,
            String label,
            ToLongFunction<SchemaDiffBenchmark.Round> part,
            boolean judged,
            String roundTrips) {
        Samples samples = samples(part);
        md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %.2f | %s | %s |%n",
                label,
                millis(samples.medianMillis()),
                millis(samples.minMillis()),
                cold(part),
                ratioToDumps(part),
                judged ? (samples.medianMillis() < SchemaDiffBenchmark.GOAL_MILLIS ? "yes" : "**no**") : "",
                roundTrips));
    }

    private String parts() {
        StringBuilder md = new StringBuilder();
        md.append("| part | median | fastest | first (warm-up) run | JVM CPU (median) | server CPU (median) |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        part(md, "open two connections (A and B)", SchemaDiffBenchmark.Round::connect, null, null);
        part(
                md,
                "`CatalogReader.readWithStats` of A",
                SchemaDiffBenchmark.Round::readA,
                SchemaDiffBenchmark.Round::cpuReadA,
                SchemaDiffBenchmark.Round::serverReadA);
        part(
                md,
                "`CatalogReader.readWithStats` of B",
                SchemaDiffBenchmark.Round::readB,
                SchemaDiffBenchmark.Round::cpuReadB,
                SchemaDiffBenchmark.Round::serverReadB);
        part(
                md,
                "`SchemaDiffer.plan(A, B)`",
                SchemaDiffBenchmark.Round::plan,
                SchemaDiffBenchmark.Round::cpuPlan,
                null);
        part(
                md,
                "total (with closing the connections)",
                SchemaDiffBenchmark.Round::total,
                SchemaDiffBenchmark.Round::cpuTotal,
                round -> round.serverReadA() < 0 || round.serverReadB() < 0
                        ? -1
                        : round.serverReadA() + round.serverReadB());
        SchemaDiffBenchmark.Round last = rounds.get(rounds.size() - 1);
        md.append(String.format(
                Locale.ROOT,
                "%nCatalog round trips (statements sent, from `CatalogReader.Stats`): %d for A, %d for B, %d in all,"
                        + " the same in every round; the plan has %d steps.%n",
                last.roundTripsA(),
                last.roundTripsB(),
                last.roundTripsA() + last.roundTripsB(),
                last.steps()));
        return md.toString();
    }

    private void part(
            StringBuilder md,
            String label,
            ToLongFunction<SchemaDiffBenchmark.Round> part,
            ToLongFunction<SchemaDiffBenchmark.Round> cpu,
            ToLongFunction<SchemaDiffBenchmark.Round> server) {
        Samples samples = samples(part);
        md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s |%n",
                label,
                millis(samples.medianMillis()),
                millis(samples.minMillis()),
                cold(part),
                cpu == null ? "" : millis(samples(cpu).medianMillis()),
                server == null ? "" : serverMillis(server)));
    }

    /** The median of a server CPU figure, or "unknown" when a round could not read it (a server elsewhere). */
    private String serverMillis(ToLongFunction<SchemaDiffBenchmark.Round> server) {
        if (rounds.stream().anyMatch(round -> server.applyAsLong(round) < 0)) {
            return "unknown";
        }
        return millis(samples(server).medianMillis());
    }

    private static String describe(DatabaseSchema schema) {
        List<Table> tables = schema.tables();
        return String.format(
                Locale.ROOT,
                "%,d tables, %,d columns, %,d constraints, %,d indexes, %,d triggers, %,d views, %,d routines,"
                        + " %,d enums",
                tables.size(),
                tables.stream().mapToInt(t -> t.columns().size()).sum(),
                tables.stream().mapToInt(t -> t.constraints().size()).sum(),
                tables.stream().mapToInt(t -> t.indexes().size()).sum(),
                tables.stream().mapToInt(t -> t.triggers().size()).sum(),
                schema.views().size(),
                schema.routines().size(),
                schema.enums().size());
    }

    private String correctness() {
        List<PlanStep> steps = check.plan().steps();
        long contract =
                steps.stream().filter(s -> s.phase() == MigrationPhase.CONTRACT).count();
        long outside = steps.stream().filter(s -> !s.transactional()).count();
        Map<String, Long> byKind = new TreeMap<>(
                steps.stream().collect(Collectors.groupingBy(s -> s.object().split(" ")[0], Collectors.counting())));
        Map<Hazard, Long> hazards = new TreeMap<>(steps.stream()
                .flatMap(s -> s.hazards().stream())
                .collect(Collectors.groupingBy(h -> h, Collectors.counting())));
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                        Locale.ROOT,
                        "Before the rounds, unmeasured: the plan from A to B (%d steps: %d expand, %d contract; %d"
                                + " outside a transaction) was applied to a copy of A (`CREATE DATABASE ... TEMPLATE`) in"
                                + " %s, runs of transactional steps in one transaction and the others alone; the copy"
                                + " read again and planned against B gave **%s**.%n%n",
                        steps.size(),
                        steps.size() - contract,
                        contract,
                        outside,
                        millis(check.applyNanos() / 1e6),
                        check.second().isEmpty() ? "an empty plan" : "a plan that is not empty"))
                .append("Steps by object: ")
                .append(byKind.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")))
                .append(".\nHazards flagged: ")
                .append(
                        hazards.isEmpty()
                                ? "none"
                                : hazards.entrySet().stream()
                                        .map(e -> "`" + e.getKey() + "` " + e.getValue())
                                        .collect(Collectors.joining(", ")))
                .append(".\n");
        return md.toString();
    }

    String toMarkdown() throws SQLException, IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("# Schema diff benchmark\n\n")
                .append("Reading two databases of a large application schema from the catalog and planning the\n")
                .append("difference (issue 16), against `pg_dump --schema-only` of the same two databases. Run from\n")
                .append("the repository root (PostgreSQL at 127.0.0.1:5432 as postgres, or the server in\n")
                .append("`SLIPWAY_TEST_JDBC_URL` / `SLIPWAY_TEST_USERNAME` / `SLIPWAY_TEST_PASSWORD`; `pg_dump` from\n")
                .append("`SLIPWAY_PG_BIN`, the `PATH` or `/usr/lib/postgresql/<major>/bin`):\n\n")
                .append("```\n")
                .append(SchemaDiffBenchmark.COMMAND)
                .append("\n```\n\n")
                .append("`-Dschemadiff.tables=`, `-Dschemadiff.rounds=` and `-Dschemadiff.warmupRounds=` change the\n")
                .append(
                        "defaults (500, 5, 1). The run prints this file, writes it to `docs/schema-diff-benchmark.md`,\n")
                .append("its summary to the block `schema-diff` of `docs/benchmarks.md` and of `README.md`.\n\n");

        md.append("## What is measured\n\n")
                .append("Database A is a generated application schema (see `SchemaDiffSchema`): every table has a\n")
                .append("`bigint` identity key, 7 to 10 columns (`varchar(40)`, `text`, `numeric(12,2)`, an enum,\n")
                .append("`boolean NOT NULL DEFAULT false`, `timestamptz DEFAULT now()`, `jsonb`), a unique\n")
                .append("constraint, a check, a foreign key to an earlier table, 2 or 3 indexes (one partial, one on\n")
                .append("an expression), comments on some; a view over every fifth table (every other one a join);\n")
                .append("three functions and a trigger on every 25th table. As read: ")
                .append(describe(check.schemaA()))
                .append(".\n\n")
                .append("Database B is a copy of A with a release applied to about 10 % of the tables: two columns\n")
                .append("added to every 20th table, an index added and a check changed on every 50th, every 50th\n")
                .append("table's view changed, the last table dropped with its view, a new table with a foreign key,\n")
                .append("an index and a view, an enum value added, a function body and comments changed. As read: ")
                .append(describe(check.schemaB()))
                .append(String.format(
                        Locale.ROOT, ". Building both took %s, not measured.%n%n", millis(buildNanos / 1e6)))
                .append("Each round runs, in an order rotated every round, in this JVM against one server:\n\n")
                .append(
                        "- **Slipway end to end**: open a JDBC connection to A and one to B, `CatalogReader.readWithStats`\n")
                .append("  of each (one read-only transaction, a fixed number of catalog queries), close them,\n")
                .append("  `SchemaDiffer.plan(A, B)`; each part timed;\n")
                .append(
                        "- **the public API**: `SchemaDiff.builder().connection(...).build().plan(\"url:A\", \"url:B\")`,\n")
                .append("  the same work as `slipway diff --from url:... --to url:...` less the JVM start;\n")
                .append("- **`pg_dump --schema-only`** of A, then of B, each a process timed from launch to exit,\n")
                .append("  writing its script to a file: the plain way to read a schema, which reads but does not\n")
                .append("  compare.\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%d warm-up round(s), reported as \"first run\" and left out of the medians, then %d"
                                + " measured rounds. Every plan must have as many steps as the checked plan below.%n%n",
                        warmups.size(),
                        rounds.size()));

        md.append("## Side by side\n\n").append(sideBySide()).append('\n');
        md.append(String.format(
                Locale.ROOT,
                "Goal (issue 16): reading and diffing the %s-table schema end to end in under 2 s on this machine:"
                        + " **%s** (median %s).%s%n%n",
                options.get("tables"),
                goalMet() ? "met" : "not met",
                millis(samples(SchemaDiffBenchmark.Round::total).medianMillis()),
                cpuNote()));

        md.append("## Slipway's parts\n\n")
                .append("Wall times of each part; \"JVM CPU\" is the CPU time the benchmark's thread spent in it\n")
                .append(
                        "(building the model from the rows, planning), \"server CPU\" the CPU time of the connection's\n")
                .append("PostgreSQL backend during the read (from `/proc/<pid>/stat`, in steps of 10 ms; \"unknown\"\n")
                .append("when the server runs elsewhere). Other load on the machine hardly changes either; their sum\n")
                .append("is roughly what the run costs on a quiet machine, less network and disk waits.\n\n")
                .append(parts())
                .append('\n');
        md.append("## Correctness\n\n").append(correctness()).append('\n');

        md.append("## Machine and versions\n\n")
                .append(Machine.runAndMachine(checkout, loadBefore))
                .append("- PostgreSQL: ")
                .append(server.serverVersion())
                .append(" at `")
                .append(server.adminUrl())
                .append("`\n")
                .append("- pg_dump: ")
                .append(pgDump.version())
                .append(" (`")
                .append(pgDump.binary())
                .append("`)\n")
                .append("- Libraries: Slipway ")
                .append(options.get("slipway-version"))
                .append(", PostgreSQL JDBC ")
                .append(Versions.postgresqlDriver())
                .append('\n');
        return md.toString();
    }

    /** The block of {@code README.md}: provenance, the side-by-side table, the goal and the round trips. */
    String readmeBlock(ReadmeBlock readme) throws SQLException {
        SchemaDiffBenchmark.Round last = rounds.get(rounds.size() - 1);
        return readme.provenance(
                        java.nio.file.Path.of(options.get("output"))
                                .toAbsolutePath()
                                .normalize(),
                        server.serverVersion(),
                        loadBefore)
                + sideBySide()
                + String.format(
                        Locale.ROOT,
                        "%nGoal: %s tables read and diffed end to end in under 2 s: **%s**. %d catalog round trips"
                                + " per read; the plan has %d steps, and applied to a copy of A it leaves nothing to"
                                + " plan. Medians of %d rounds after %d warm-up round(s).%s%n",
                        options.get("tables"),
                        goalMet() ? "met" : "not met",
                        last.roundTripsA(),
                        last.steps(),
                        rounds.size(),
                        warmups.size(),
                        cpuNote());
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, "%,.0f ms", millis);
    }
}
