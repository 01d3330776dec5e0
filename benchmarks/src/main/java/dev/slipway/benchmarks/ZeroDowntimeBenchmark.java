package dev.slipway.benchmarks;

import dev.slipway.sample.rollout.AnswerTimeline;
import dev.slipway.sample.rollout.Await;
import dev.slipway.sample.rollout.FailedRequest;
import dev.slipway.sample.rollout.Fleet;
import dev.slipway.sample.rollout.HealthChecks;
import dev.slipway.sample.rollout.LatencyLog;
import dev.slipway.sample.rollout.LoadGenerator;
import dev.slipway.sample.rollout.NaiveMigration;
import dev.slipway.sample.rollout.Rotation;
import dev.slipway.sample.rollout.SampleData;
import dev.slipway.sample.rollout.SlipwayActuator;
import dev.slipway.sample.rollout.UserLedger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The sample app's change from v1 to v3 ({@code users.name} becomes {@code display_name}, posts get a unique slug)
 * on a large table under a fixed-rate load, two ways, each on fresh data:
 *
 * <ol>
 *   <li>For each variant: a new database; one v1 instance (its migrations create the schema); the users and posts
 *       seeded, {@code VACUUM (ANALYZE)}, {@code CHECKPOINT}; a second v1 instance; both in rotation.</li>
 *   <li>The load starts ({@link LoadGenerator} at a fixed rate, latencies from each request's planned start,
 *       requests only to instances whose {@code /actuator/health} answers {@code UP}, polled by
 *       {@link HealthChecks} as a load balancer does), and a {@link LockWaitSampler} watches the database's lock
 *       queue.</li>
 *   <li><b>slipway</b>: the rollout of {@code ZeroDowntimeRolloutIT}: two v2 instances (expand migrations, then the
 *       {@code users_display_name} backfill), v1 drained and stopped, two v3 instances once the backfill is
 *       COMPLETED, v2 drained and stopped, and the contract migration applied by the v3 instances by themselves.
 *       <br><b>naive</b>: {@link NaiveMigration} (rename, table rewrite, unique index, one transaction, no lock
 *       timeout) while the v1 instances serve, then two instances of the new code (v3 with Slipway off: the deploy's
 *       migration step has already changed the schema), and v1 drained and stopped.</li>
 *   <li>Per phase: requests, failed requests, latencies; the failures grouped by release, request and answer; the
 *       instances taken out by health and the health answers not UP; the errors the instances logged; the
 *       lock-wait windows; the longest time without a good answer.</li>
 * </ol>
 *
 * The report ({@link ZeroDowntimeReport}) is written after each variant, so a run cut short keeps what it finished.
 */
public final class ZeroDowntimeBenchmark {

    static final String CONTRACT = "20250301090000";
    static final String WARM_UP = "0 warm-up of v1 (not counted)";
    static final List<String> EXPAND = List.of("20250201090000", "20250201090100", "20250201090200", "20250201090300");

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration BACKFILL_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration CONTRACT_TIMEOUT = Duration.ofMinutes(10);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");
    private static final Pattern LOGGED_ERROR = Pattern.compile(
            "^(org\\.postgresql\\.util\\.PSQLException|java\\.sql\\.SQLTransientConnectionException): (.*)$");

    /** One phase of a variant: when it ran, its latencies and failures. */
    record Phase(String name, long startNanos, long endNanos, LatencyLog.Summary latency, long failed) {

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    /**
     * Everything measured in one variant; {@code phases} begin with the warm-up, which {@code total},
     * {@code failures}, {@code failureKinds}, {@code healthRemovals}, {@code healthNotUp}, {@code lockWaits} and
     * {@code longestGap} leave out.
     */
    record Result(
            String key,
            String label,
            List<Phase> phases,
            LatencyLog.Summary total,
            List<FailedRequest> failures,
            Map<String, Long> failureKinds,
            List<HealthChecks.Removal> healthRemovals,
            List<HealthChecks.Answer> healthNotUp,
            Map<String, Long> loggedErrors,
            LockWaitSampler.Result lockWaits,
            String longestWaitPhase,
            AnswerTimeline.Gap longestGap,
            String longestGapPhase,
            Map<String, String> facts,
            String loadBefore,
            String loadAfter,
            String otherWork) {

        double worstPhaseP99() {
            return counted().stream()
                    .mapToDouble(p -> p.latency().p99Millis())
                    .max()
                    .orElse(0);
        }

        /** The phases after the warm-up. */
        List<Phase> counted() {
            return phases.stream().filter(p -> !p.name().equals(WARM_UP)).toList();
        }
    }

    private final ZeroDowntimeOptions options;
    private final BenchmarkServer server;

    private ZeroDowntimeBenchmark(ZeroDowntimeOptions options, BenchmarkServer server) {
        this.options = options;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        ZeroDowntimeOptions options = ZeroDowntimeOptions.parse(args);
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalArgumentException("No sample app jar at " + options.jar() + "; build it with"
                    + " ./mvnw -B -pl sample-app -am package -DskipTests, or pass --jar=<path>");
        }
        BenchmarkServer server = BenchmarkServer.fromEnvironment(System.getenv());
        String loadBefore = Machine.loadAverage();
        Optional<ReadmeBlock> readme =
                ReadmeBlock.forRun(options.output(), "zero-downtime", "the zero-downtime benchmark");
        long started = System.nanoTime();
        ZeroDowntimeBenchmark benchmark = new ZeroDowntimeBenchmark(options, server);
        List<Result> results = new ArrayList<>();
        String markdown = "";
        for (String variant : options.variants()) {
            results.add(benchmark.run(variant));
            markdown = new ZeroDowntimeReport(options, server, results, loadBefore, System.nanoTime() - started)
                    .toMarkdown();
            if (options.output() != null) {
                Files.createDirectories(options.output().getParent());
                Files.writeString(options.output(), markdown, StandardCharsets.UTF_8);
            }
        }
        System.out.println();
        System.out.println(markdown);
        if (options.output() != null) {
            System.out.println("Written to " + options.output());
            Path benchmarks = options.output().resolveSibling("benchmarks.md");
            BenchmarkSummary.ZERO_DOWNTIME.refresh(benchmarks, options.output());
            System.out.println("Figures updated in " + benchmarks);
        }
        if (readme.isPresent()) {
            readme.get().write(new ZeroDowntimeReadme(options, server, results, loadBefore).block(readme.get()));
        }
    }

    /** The phases of one variant as it runs: each begins when the one before ends. */
    private static final class Timeline {

        private final LoadGenerator load;
        private final List<String> names = new ArrayList<>();
        private final List<Long> starts = new ArrayList<>();

        Timeline(LoadGenerator load) {
            this.load = load;
        }

        void begin(String name) {
            load.phase(name);
            names.add(name);
            starts.add(System.nanoTime());
            BenchmarkSupport.log("  phase " + name);
        }
    }

    private Result run(String key) throws Exception {
        String label = key.equals("slipway") ? "Slipway (expand, backfill, contract)" : "naive (one transaction)";
        BenchmarkSupport.log("Variant " + label + ": "
                + String.format(Locale.ROOT, "%,d users, %,d posts", options.users(), options.posts()));
        String loadBefore = Machine.loadAverage();
        OtherWork otherWork = OtherWork.start();
        Path logs = options.logs().resolve(key);
        if (Files.exists(logs)) {
            BenchmarkSupport.deleteTree(logs);
        }
        Map<String, String> facts = new LinkedHashMap<>();
        String database = server.createDatabase();
        try {
            Rotation rotation = new Rotation();
            LoadGenerator load;
            Timeline timeline;
            LockWaitSampler.Result lockWaits;
            long end;
            try (Fleet fleet = new Fleet(fleetSettings(database, logs), rotation)) {
                List<Fleet.Instance> v1 = new ArrayList<>(fleet.start("v1", 1, List.of()));
                long seedStart = System.nanoTime();
                Map<Long, String> names;
                try (Connection connection = connect(database);
                        Statement statement = connection.createStatement()) {
                    SampleData.seed(connection, options.users(), options.posts());
                    statement.execute("VACUUM (ANALYZE) users, posts");
                    statement.execute("CHECKPOINT");
                    names = SampleData.names(connection);
                }
                facts.put("seeding (insert, VACUUM (ANALYZE), CHECKPOINT)", seconds(System.nanoTime() - seedStart));
                v1.addAll(fleet.start("v1", 1, List.of()));
                fleet.rotateIn(v1);

                load = new LoadGenerator(
                        rotation,
                        new UserLedger(names, options.workers()),
                        LoadGenerator.Settings.fixedRate(
                                options.workers(),
                                options.rate(),
                                Duration.ofSeconds(options.requestTimeoutSeconds())));
                timeline = new Timeline(load);
                LockWaitSampler sampler = LockWaitSampler.start(server, database);
                try {
                    // Cold JVMs answer slowly at first: a warm-up, listed but not counted, before the first phase.
                    timeline.begin(WARM_UP);
                    load.start();
                    steady();
                    timeline.begin("1 v1 x2");
                    if (key.equals("slipway")) {
                        rollOut(fleet, timeline, v1, facts);
                    } else {
                        naive(fleet, timeline, v1, database, facts);
                    }
                } finally {
                    load.close();
                    end = System.nanoTime();
                    lockWaits = sampler.stop();
                }
            }
            return result(key, label, load, timeline, end, lockWaits, logs, facts, loadBefore, otherWork.stop());
        } finally {
            otherWork.stop();
            server.dropDatabase(database);
        }
    }

    /** The rollout of ZeroDowntimeRolloutIT, with each steady phase held for {@code steadySeconds}. */
    private void rollOut(Fleet fleet, Timeline timeline, List<Fleet.Instance> v1, Map<String, String> facts)
            throws Exception {
        steady();

        timeline.begin("2 v2 x2 starting: expand migrations");
        List<Fleet.Instance> v2 = fleet.start("v2", 2, List.of());
        fleet.rotateIn(v2);
        SlipwayActuator v2Slipway = v2.get(0).slipway();
        long expandMillis = 0;
        for (String version : EXPAND) {
            expandMillis += v2Slipway.migration(version).path("executionMs").asLong();
        }
        facts.put("expand migrations (4, `executionMs` summed)", expandMillis + " ms");

        timeline.begin("3 v1 + v2: users_display_name backfill");
        awaitBackfill(v2Slipway, "users_display_name");
        JsonNode backfill = v2Slipway.backfill("users_display_name");
        facts.put(
                "`users_display_name` backfill (its `startedAt` to `finishedAt`)",
                between(backfill)
                        + String.format(
                                Locale.ROOT,
                                ", %,d rows",
                                backfill.path("rowsProcessed").asLong()));

        timeline.begin("4 v1 drained and stopped");
        fleet.retire(v1);
        steady();

        timeline.begin("5 v3 x2 starting");
        List<Fleet.Instance> v3 = fleet.start("v3", 2, List.of());
        fleet.rotateIn(v3);
        SlipwayActuator v3Slipway = v3.get(0).slipway();

        timeline.begin("6 v2 + v3: contract awaiting");
        steady();
        facts.put("contract migration while v2 ran", v3Slipway.migrationState(CONTRACT));

        timeline.begin("7 v2 drained and stopped");
        fleet.retire(v2);
        long v2Gone = System.nanoTime();

        timeline.begin("8 v3 alone: contract applies by itself");
        Await.until(
                "contract migration " + CONTRACT + " APPLIED",
                CONTRACT_TIMEOUT,
                () -> "APPLIED".equals(v3Slipway.migrationState(CONTRACT)),
                () -> v3Slipway.migration(CONTRACT).toString());
        facts.put(
                "contract applied, from the last v2 stopped (polled every 200 ms)",
                seconds(System.nanoTime() - v2Gone));
        facts.put(
                "contract migration (`executionMs`)",
                v3Slipway.migration(CONTRACT).path("executionMs").asLong() + " ms");

        timeline.begin("9 v3 after the contract");
        steady();
        JsonNode slugs = v3Slipway.backfill("posts_slug");
        facts.put(
                "`posts_slug` backfill (v3, in the background) at the end",
                slugs.path("state").asString("?")
                        + String.format(
                                Locale.ROOT,
                                ", %,d rows",
                                slugs.path("rowsProcessed").asLong())
                        + ("COMPLETED".equals(slugs.path("state").asString(null)) ? ", " + between(slugs) : ""));
    }

    /** The naive way: the migration under the v1 fleet, then the new code, then v1 goes. */
    private void naive(
            Fleet fleet, Timeline timeline, List<Fleet.Instance> v1, String database, Map<String, String> facts)
            throws Exception {
        steady();

        timeline.begin("2 naive migration (one transaction)");
        long took;
        try (Connection connection = connect(database)) {
            took = NaiveMigration.apply(connection);
        }
        facts.put("naive migration (first statement to commit)", seconds(took));

        timeline.begin("3 v1 x2 on the new schema, v3 x2 starting");
        // The new code: v3, with Slipway off, since the deploy's migration step has changed the schema already.
        List<Fleet.Instance> v3 = fleet.start("v3", 2, List.of("--slipway.enabled=false"));
        fleet.rotateIn(v3);

        timeline.begin("4 v1 drained and stopped");
        fleet.retire(v1);

        timeline.begin("5 v3 alone");
        steady();
    }

    private Result result(
            String key,
            String label,
            LoadGenerator load,
            Timeline timeline,
            long end,
            LockWaitSampler.Result lockWaits,
            Path logs,
            Map<String, String> facts,
            String loadBefore,
            String otherWork)
            throws IOException {
        List<FailedRequest> failures = load.failures();
        Map<String, LatencyLog.Summary> summaries = new LinkedHashMap<>();
        load.latencies().summaries().forEach(s -> summaries.put(s.phase(), s));
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < timeline.names.size(); i++) {
            String name = timeline.names.get(i);
            long failed = failures.stream().filter(f -> f.phase().equals(name)).count();
            phases.add(new Phase(
                    name,
                    timeline.starts.get(i),
                    i + 1 < timeline.starts.size() ? timeline.starts.get(i + 1) : end,
                    summaries.getOrDefault(name, new LatencyLog.Summary(name, 0, 0, 0, 0)),
                    failed));
        }
        failures = failures.stream().filter(f -> !f.phase().equals(WARM_UP)).toList();
        Map<String, Long> kinds = new TreeMap<>();
        for (FailedRequest failure : failures) {
            kinds.merge(kind(failure), 1L, Long::sum);
        }
        long start = timeline.starts.get(timeline.names.indexOf("1 v1 x2"));
        List<String> counted =
                timeline.names.stream().filter(name -> !name.equals(WARM_UP)).toList();
        AnswerTimeline.Gap gap = load.answers().longestGap(start, end);
        lockWaits = lockWaits.since(start);
        LockWaitSampler.Window longest = lockWaits.longest();
        List<HealthChecks.Removal> removals = load.health().removals().stream()
                .filter(r -> !r.phase().equals(WARM_UP))
                .toList();
        List<HealthChecks.Answer> notUp = load.health().notUp().stream()
                .filter(a -> !a.phase().equals(WARM_UP))
                .toList();
        Result result = new Result(
                key,
                label,
                phases,
                load.latencies().total("all", counted),
                failures,
                kinds,
                removals,
                notUp,
                loggedErrors(logs),
                lockWaits,
                longest == null ? "" : phaseAt(phases, longest.startNanos()),
                gap,
                phaseAt(phases, gap.fromNanos()),
                facts,
                loadBefore,
                Machine.loadAverage(),
                otherWork);
        BenchmarkSupport.log(String.format(
                Locale.ROOT,
                "  %s: %,d requests, %,d failed; %d instance(s) taken out by"
                        + " health; p50/p99/max %.1f/%.1f/%.1f ms;"
                        + " longest lock-wait window %.0f ms; longest time without a good answer %.0f ms",
                label,
                result.total().requests(),
                failures.size(),
                removals.size(),
                result.total().p50Millis(),
                result.total().p99Millis(),
                result.total().maxMillis(),
                longest == null ? 0 : longest.millis(),
                gap.millis()));
        return result;
    }

    /** The phase a moment of the run fell in. */
    private static String phaseAt(List<Phase> phases, long nanos) {
        String name = phases.isEmpty() ? "" : phases.get(0).name();
        for (Phase phase : phases) {
            if (phase.startNanos() <= nanos) {
                name = phase.name();
            }
        }
        return name;
    }

    /** e.g. {@code v1 GET /users/{id}: 500 (expected 200)}. */
    static String kind(FailedRequest failure) {
        int dash = failure.instance().indexOf('-');
        String release = dash > 0 ? failure.instance().substring(0, dash) : failure.instance();
        String path = failure.path().replaceAll("/\\d+", "/{id}");
        String outcome = failure.status() >= 0
                ? failure.status() + " (" + failure.problem() + ")"
                : failure.problem().replaceAll("\\s+", " ");
        if (outcome.length() > 120) {
            outcome = outcome.substring(0, 117) + "...";
        }
        return release + " " + failure.method() + " " + path + ": " + outcome;
    }

    /** The root causes the instances logged, by release and message, e.g. {@code v1: ERROR: column "name" ...}. */
    private static Map<String, Long> loggedErrors(Path logs) throws IOException {
        Map<String, Long> errors = new TreeMap<>();
        if (!Files.isDirectory(logs)) {
            return errors;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                String release = file.getFileName().toString().replaceFirst("^rollout-(v\\d+)-.*$", "$1");
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher matcher = LOGGED_ERROR.matcher(line);
                    if (matcher.matches()) {
                        String message = matcher.group(2).replaceAll("\\s+Position: \\d+$", "");
                        errors.merge(release + ": " + message, 1L, Long::sum);
                    }
                }
            }
        }
        return errors;
    }

    private Fleet.Settings fleetSettings(String database, Path logs) {
        String url = server.jdbcUrl(database);
        List<String> arguments = new ArrayList<>();
        arguments.add(
                "--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=slipway_sample");
        if (server.username() != null) {
            arguments.add("--spring.datasource.username=" + server.username());
        }
        if (server.password() != null) {
            arguments.add("--spring.datasource.password=" + server.password());
        }
        return new Fleet.Settings(
                options.jar(),
                logs,
                JVM_OPTIONS,
                arguments,
                STARTUP_TIMEOUT,
                Duration.ofSeconds(options.requestTimeoutSeconds() + 10L));
    }

    private Connection connect(String database) throws Exception {
        Connection connection = server.connect(database);
        connection.setSchema("slipway_sample");
        return connection;
    }

    private void steady() throws InterruptedException {
        Thread.sleep(options.steadySeconds() * 1000L);
    }

    private static void awaitBackfill(SlipwayActuator slipway, String name) throws InterruptedException {
        Await.until(
                "backfill " + name + " COMPLETED",
                BACKFILL_TIMEOUT,
                () -> "COMPLETED".equals(slipway.backfillState(name)),
                () -> slipway.backfill(name).toString());
    }

    /** A backfill's {@code startedAt} to {@code finishedAt}, e.g. {@code 12.3 s}. */
    private static String between(JsonNode backfill) {
        String from = backfill.path("startedAt").asString(null);
        String to = backfill.path("finishedAt").asString(null);
        if (from == null || to == null) {
            return "(not reported)";
        }
        return seconds(Duration.between(Instant.parse(from), Instant.parse(to)).toNanos());
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
