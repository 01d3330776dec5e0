package dev.slipway.benchmarks;

import dev.slipway.sample.rollout.FailedRequest;
import dev.slipway.sample.rollout.HealthChecks;
import dev.slipway.sample.rollout.NaiveMigration;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The zero-downtime benchmark's results as Markdown: how to run, side by side, each variant's phases, machine. */
final class ZeroDowntimeReport {

    static final String COMMAND = "./mvnw -B -Pzero-downtime-benchmark -pl benchmarks -am verify -DskipTests";

    private final ZeroDowntimeOptions options;
    private final BenchmarkServer server;
    private final List<ZeroDowntimeBenchmark.Result> results;
    private final String loadBefore;
    private final long runNanos;

    ZeroDowntimeReport(
            ZeroDowntimeOptions options,
            BenchmarkServer server,
            List<ZeroDowntimeBenchmark.Result> results,
            String loadBefore,
            long runNanos) {
        this.options = options;
        this.server = server;
        this.results = results;
        this.loadBefore = loadBefore;
        this.runNanos = runNanos;
    }

    String toMarkdown() throws SQLException {
        StringBuilder md = new StringBuilder("# Zero-downtime benchmark\n\n");
        if (results.size() < options.variants().size()) {
            md.append(String.format(
                    Locale.ROOT,
                    "**Partial: %d of %d variants done; the run goes on or was cut short.**%n%n",
                    results.size(),
                    options.variants().size()));
        }
        md.append("The sample app's change from v1 to v3 (`users.name` becomes `display_name`, posts get a unique\n")
                .append("slug) on large tables while a fixed-rate load runs against the fleet: Slipway's rollout\n")
                .append("(expand, backfill, contract) against the naive way (one migration in one transaction, as\n")
                .append(
                        "Flyway or Liquibase would run it). Run from the repository root (PostgreSQL at 127.0.0.1:5432\n")
                .append("as postgres, or the server in `SLIPWAY_TEST_JDBC_URL` / `SLIPWAY_TEST_USERNAME` /\n")
                .append("`SLIPWAY_TEST_PASSWORD`):\n\n")
                .append("```\n")
                .append(COMMAND)
                .append("\n```\n\n")
                .append(
                        "`-Dzerodowntime.users=`, `-Dzerodowntime.posts=`, `-Dzerodowntime.rate=`, `-Dzerodowntime.workers=`,\n")
                .append("`-Dzerodowntime.steadySeconds=`, `-Dzerodowntime.requestTimeoutSeconds=` and\n")
                .append("`-Dzerodowntime.variants=` (`slipway,naive`) change the defaults (1,000,000, 1,000,000, 100\n")
                .append("requests/s, 16, 30 s, 30 s, both). The run prints this file and writes it to\n")
                .append("`docs/zero-downtime-benchmark.md`; the instances' logs go to\n")
                .append(
                        "`benchmarks/target/zero-downtime-benchmark/<variant>/`. `./mvnw verify` compiles the benchmark but\n")
                .append(
                        "never runs it. See also [benchmarks.md](benchmarks.md), [backfill-benchmark.md](backfill-benchmark.md)\n")
                .append(
                        "and the sample app's [README](../sample-app/README.md#three-releases-expand--backfill--contract).\n\n");

        whatIsMeasured(md);
        sideBySide(md);
        for (ZeroDowntimeBenchmark.Result result : results) {
            variant(md, result);
        }

        md.append("\n## Machine and versions\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "- Run: %s, %.0f min in all%n",
                        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                        runNanos / 60e9))
                .append(Machine.describe(loadBefore))
                .append('\n');
        for (ZeroDowntimeBenchmark.Result result : results) {
            md.append("- Load average (1, 5, 15 min) before / after the ")
                    .append(result.label())
                    .append(" variant: ")
                    .append(result.loadBefore())
                    .append(" / ")
                    .append(result.loadAfter())
                    .append("; during it: ")
                    .append(result.otherWork())
                    .append('\n');
        }
        md.append("- Processes: this runner (")
                .append(Machine.heap().substring(2))
                .append("), the load generator in it;\n")
                .append(
                        "  each app instance a JVM of its own (`-Xmx512m -XX:+UseSerialGC`), up to four at once, all on\n")
                .append("  the same machine as PostgreSQL\n")
                .append("- PostgreSQL: ")
                .append(server.serverVersion())
                .append(" at `")
                .append(server.adminUrl())
                .append("`; ")
                .append(server.durabilitySettings())
                .append("; ")
                .append(server.memorySettings())
                .append('\n')
                .append("- Libraries: ")
                .append(String.join(
                        ", ",
                        List.of(
                                "Slipway " + options.slipwayVersion(),
                                "Spring Boot " + Versions.springBoot(),
                                "PostgreSQL JDBC " + Versions.postgresqlDriver(),
                                "HikariCP " + Versions.of("com.zaxxer", "HikariCP"))))
                .append('\n');
        return md.toString();
    }

    private void whatIsMeasured(StringBuilder md) {
        md.append("## What is measured\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "- **Data**: %,d users and %,d posts (one per user), seeded into v1's "
                                + "schema after the first v1 instance created it, then `VACUUM (ANALYZE)` and `CHECKPOINT`. "
                                + "Each variant gets a new database and the same seed.%n",
                        options.users(),
                        options.posts()))
                .append(String.format(
                        Locale.ROOT,
                        "- **Load**: `LoadGenerator` of the sample app's tests (the mix of "
                                + "`ZeroDowntimeRolloutIT`: reads of users and posts, new users, renames, new posts; every "
                                + "answer checked against the name last written) at a **fixed rate of %.0f requests/s** over %d "
                                + "worker threads, sent round-robin to the healthy instances in rotation; a request fails after "
                                + "%d s without an answer. Each request has a planned start on a fixed schedule and its latency is "
                                + "measured **from its planned start**, so a request that was due during a stall counts the "
                                + "time it waited for a free worker: no coordinated omission. A request counts in the phase "
                                + "in which it was sent.%n",
                        options.rate(),
                        options.workers(),
                        options.requestTimeoutSeconds()))
                .append(healthRouting(HealthChecks.Settings.standard()))
                .append(String.format(
                        Locale.ROOT,
                        "- **Phases**: each phase without a rollout step (e.g. `1 v1 x2`) "
                                + "lasts %d s; the others last as long as their step (instances starting, a backfill, a "
                                + "drain...). The load starts with a warm-up of the same length against the v1 instances "
                                + "(cold JVMs answer slowly at first), listed in the phase tables but left out of every other "
                                + "figure (totals, failures, health checks, lock waits, gaps).%n",
                        options.steadySeconds()))
                .append(
                        "- **Slipway**: the rollout of `ZeroDowntimeRolloutIT`: 2 × v1 → 2 × v2 (expand migrations with\n")
                .append(
                        "  Slipway's lock timeout and retries, then the `users_display_name` backfill) → v1 drained and\n")
                .append("  stopped → 2 × v3 once the backfill is `COMPLETED` → v2 drained and stopped → the contract\n")
                .append("  migration applied by the v3 instances by themselves. Slipway's defaults (heartbeat every\n")
                .append("  10 s, so the contract is checked every 10 s).\n")
                .append(
                        "- **naive**: while 2 × v1 serve, one migration on a plain JDBC connection, in one transaction,\n")
                .append("  `lock_timeout` 0 (wait as long as it takes):\n\n")
                .append("  ```sql\n  BEGIN;\n");
        for (String sql : NaiveMigration.STATEMENTS) {
            md.append("  ").append(sql).append(";\n");
        }
        md.append("  COMMIT;\n  ```\n\n")
                .append(
                        "  The rename locks `users` and the rewrite (a volatile default on a `NOT NULL` column) locks\n")
                .append(
                        "  `posts`, both `ACCESS EXCLUSIVE` until the commit, after the index is built. Then the deploy\n")
                .append(
                        "  goes on as a rolling deploy would: 2 instances of the new code start and join the rotation,\n")
                .append("  then v1 is drained and stopped. The new code is v3 (it reads and writes `display_name`\n")
                .append("  only and writes a slug with each post) started with `--slipway.enabled=false`: in this\n")
                .append("  world the deploy's migration step has changed the schema already, and v3's own migrations\n")
                .append("  (the expand and contract steps) are what the naive way replaces; with Slipway off the app\n")
                .append("  is just the new code on the new schema.\n")
                .append("- **Lock-wait windows**: `pg_stat_activity` of the benchmark's database sampled every\n")
                .append(String.format(
                        Locale.ROOT,
                        "  %d ms; a window is a run of samples that each found at least one "
                                + "session waiting on a lock (`wait_event_type = 'Lock'`): while it lasts, requests stand in "
                                + "a lock queue. \"Longest single wait\" is the longest time a waiting session's query had been "
                                + "running when sampled.%n",
                        LockWaitSampler.PERIOD_MILLIS))
                .append("- **Longest time without a good answer**: the longest gap between two requests answered as\n")
                .append("  expected (any request, any instance): how long the app stood still as its users saw it.\n")
                .append(
                        "- **Errors logged**: the root causes (`PSQLException`, `SQLTransientConnectionException`) in the\n")
                .append("  instances' logs, by release.\n\n");
    }

    /** The "Routing by health" item of "What is measured". */
    private static String healthRouting(HealthChecks.Settings health) {
        return String.format(
                Locale.ROOT,
                "- **Routing by health**: as a load balancer does, `HealthChecks` polls each "
                        + "instance's `/actuator/health` every %d ms (a %d s timeout) and the load sends requests only to "
                        + "instances whose answers are `UP` (HTTP 200, `\"status\":\"UP\"`). After %d answers in a row not "
                        + "`UP` (another status, `DOWN`, no answer) an instance is *taken out by health* until %d answers in a "
                        + "row are `UP` again; with no healthy instance left a request fails. Every answer not `UP` is "
                        + "counted, whatever the threshold. The planned drains are not removals by health.%n",
                health.interval().toMillis(),
                health.timeout().toSeconds(),
                health.unhealthyThreshold(),
                health.healthyThreshold());
    }

    private void sideBySide(StringBuilder md) {
        Optional<ZeroDowntimeBenchmark.Result> slipway = find("slipway");
        Optional<ZeroDowntimeBenchmark.Result> naive = find("naive");
        md.append("## Side by side\n\n")
                .append(
                        "Over the whole run of each variant after the warm-up (the Slipway rollout has more phases, so more requests).\n\n")
                .append("| | Slipway | naive | naive / Slipway |\n|---|---:|---:|---:|\n");
        row(md, "requests", slipway, naive, r -> r.total().requests(), "%,.0f", false);
        row(md, "failed requests", slipway, naive, r -> r.failures().size(), "%,.0f", true);
        row(
                md,
                "instances taken out by health",
                slipway,
                naive,
                r -> r.healthRemovals().size(),
                "%,.0f",
                false);
        row(md, "health answers not UP", slipway, naive, r -> r.healthNotUp().size(), "%,.0f", false);
        row(md, "latency p50", slipway, naive, r -> r.total().p50Millis(), "%.1f ms", true);
        row(md, "latency p99", slipway, naive, r -> r.total().p99Millis(), "%.1f ms", true);
        row(md, "latency max", slipway, naive, r -> r.total().maxMillis(), "%.1f ms", true);
        row(md, "worst phase's p99", slipway, naive, ZeroDowntimeBenchmark.Result::worstPhaseP99, "%.1f ms", true);
        row(
                md,
                "longest lock-wait window",
                slipway,
                naive,
                r -> r.lockWaits().longest() == null
                        ? 0
                        : r.lockWaits().longest().millis(),
                "%.0f ms",
                true);
        row(
                md,
                "time with a lock wait, in all",
                slipway,
                naive,
                r -> r.lockWaits().totalMillis(),
                "%.0f ms",
                true);
        row(md, "longest single lock wait", slipway, naive, r -> r.lockWaits().longestWaitMillis(), "%.0f ms", true);
        row(
                md,
                "most sessions waiting at once",
                slipway,
                naive,
                r -> r.lockWaits().maxWaiting(),
                "%.0f",
                true);
        row(
                md,
                "longest time without a good answer",
                slipway,
                naive,
                r -> r.longestGap().millis(),
                "%.0f ms",
                true);
        md.append('\n')
                .append(String.format(
                        Locale.ROOT,
                        "A lock wait shorter than the sampling period (%d ms) may go unseen: "
                                + "0 means none was seen. \"∞\" is a ratio against a Slipway figure of 0. In the naive "
                                + "variant the requests due while the migration's transaction held its locks were sent as "
                                + "soon as a worker was free again, so most of them count in the phase after it; their "
                                + "latencies, from their planned start, include the wait.%n%n",
                        LockWaitSampler.PERIOD_MILLIS));
    }

    private static void row(
            StringBuilder md,
            String what,
            Optional<ZeroDowntimeBenchmark.Result> slipway,
            Optional<ZeroDowntimeBenchmark.Result> naive,
            ToDoubleFunction<ZeroDowntimeBenchmark.Result> value,
            String format,
            boolean ratio) {
        String left = slipway.map(r -> String.format(Locale.ROOT, format, value.applyAsDouble(r)))
                .orElse("not run");
        String right = naive.map(r -> String.format(Locale.ROOT, format, value.applyAsDouble(r)))
                .orElse("not run");
        String quotient = "";
        if (ratio && slipway.isPresent() && naive.isPresent()) {
            double a = value.applyAsDouble(slipway.get());
            double b = value.applyAsDouble(naive.get());
            quotient = a > 0 ? String.format(Locale.ROOT, "%.1f", b / a) : b > 0 ? "∞ (Slipway: 0)" : "– (both 0)";
        }
        md.append("| ")
                .append(what)
                .append(" | ")
                .append(left)
                .append(" | ")
                .append(right)
                .append(" | ")
                .append(quotient)
                .append(" |\n");
    }

    private void variant(StringBuilder md, ZeroDowntimeBenchmark.Result result) {
        md.append("## ")
                .append(result.label())
                .append("\n\n")
                .append(
                        "| phase | duration | requests | failed | p50 | p99 | max |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (ZeroDowntimeBenchmark.Phase phase : result.phases()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f s | %,d | %,d | %.1f ms | %.1f ms | %.1f ms |%n",
                    phase.name(),
                    phase.seconds(),
                    phase.latency().requests(),
                    phase.failed(),
                    phase.latency().p50Millis(),
                    phase.latency().p99Millis(),
                    phase.latency().maxMillis()));
        }
        md.append(String.format(
                Locale.ROOT,
                "| **all but the warm-up** | %.1f s | %,d | %,d | %.1f ms | %.1f ms | %.1f ms |%n%n",
                result.counted().stream()
                        .mapToDouble(ZeroDowntimeBenchmark.Phase::seconds)
                        .sum(),
                result.total().requests(),
                result.failures().size(),
                result.total().p50Millis(),
                result.total().p99Millis(),
                result.total().maxMillis()));
        result.facts()
                .forEach((what, value) ->
                        md.append("- ").append(what).append(": ").append(value).append('\n'));
        LockWaitSampler.Window longest = result.lockWaits().longest();
        md.append(String.format(
                        Locale.ROOT,
                        "- lock-wait windows: %d, %.0f ms in all; the longest %.0f ms (up to %d "
                                + "sessions waiting), in phase `%s`; %,d samples%n",
                        result.lockWaits().windows().size(),
                        result.lockWaits().totalMillis(),
                        longest == null ? 0 : longest.millis(),
                        longest == null ? 0 : longest.maxWaiting(),
                        result.longestWaitPhase(),
                        result.lockWaits().samples()))
                .append(String.format(
                        Locale.ROOT,
                        "- longest time without a good answer: %.0f ms, from phase `%s`%n",
                        result.longestGap().millis(),
                        result.longestGapPhase()))
                .append(String.format(
                        Locale.ROOT,
                        "- instances taken out by health: %d; health answers not UP: %,d%n",
                        result.healthRemovals().size(),
                        result.healthNotUp().size()));
        if (!result.healthRemovals().isEmpty()) {
            md.append("\nInstances taken out by health, with the answer that took each out:\n\n```\n");
            result.healthRemovals().stream()
                    .limit(10)
                    .map(HealthChecks.Removal::toString)
                    .forEach(line -> md.append(line.length() > 800 ? line.substring(0, 800) + "..." : line)
                            .append('\n'));
            md.append("```\n");
        }
        if (!result.failureKinds().isEmpty()) {
            md.append("\nFailed requests by release, request and answer:\n\n| failure | requests |\n|---|---:|\n");
            result.failureKinds().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> md.append("| ")
                            .append(cell(e.getKey()))
                            .append(" | ")
                            .append(String.format(Locale.ROOT, "%,d", e.getValue()))
                            .append(" |\n"));
            md.append("\nThe first failed requests, as the load generator recorded them:\n\n```\n");
            result.failures().stream()
                    .limit(5)
                    .map(FailedRequest::toString)
                    .forEach(line -> md.append(line.length() > 400 ? line.substring(0, 400) + "..." : line)
                            .append('\n'));
            md.append("```\n");
        }
        if (!result.loggedErrors().isEmpty()) {
            md.append("\nErrors the instances logged (root causes) by release:\n\n| error | times |\n|---|---:|\n");
            result.loggedErrors().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> md.append("| ")
                            .append(cell(e.getKey()))
                            .append(" | ")
                            .append(String.format(Locale.ROOT, "%,d", e.getValue()))
                            .append(" |\n"));
        }
        md.append('\n');
    }

    private static String cell(String text) {
        String clipped = text.length() > 200 ? text.substring(0, 197) + "..." : text;
        return "`" + clipped.replace("`", "'").replace("|", "\\|") + "`";
    }

    private Optional<ZeroDowntimeBenchmark.Result> find(String key) {
        return results.stream().filter(r -> r.key().equals(key)).findFirst();
    }
}
