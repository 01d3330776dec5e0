package dev.slipway.sample.rollout;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The health checks of a load balancer in front of a {@link Rotation}: each instance in rotation is asked
 * {@code GET /actuator/health} over and over, and one that does not answer {@code UP} stops receiving requests, as
 * an AWS target group or a Kubernetes readiness probe would arrange.
 *
 * <ol>
 *   <li>Each instance in rotation is checked by a thread of its own: a check, then a pause of {@code interval}, then
 *       the next check. A check waits at most {@code timeout} for its answer.</li>
 *   <li>An answer is <em>UP</em> when it is HTTP 200 with {@code "status":"UP"}. Anything else is <em>not UP</em>:
 *       another status (a 503 {@code DOWN}), another status in the body, no answer in time, a refused connection.
 *       Every answer that is not UP is recorded ({@link #notUp()}) with the phase, the instance and the body.</li>
 *   <li>After {@code unhealthyThreshold} answers in a row that are not UP, the instance is <em>taken out by
 *       health</em>: {@link Rotation#acquire} sends it no request until {@code healthyThreshold} answers in a row are
 *       UP again. Each removal is recorded ({@link #removals()}) with the answers that caused it.</li>
 *   <li>An instance joins the rotation healthy (the fleet put it there after its own start check saw it {@code UP})
 *       and leaves the checks when it leaves the rotation: an answer that arrives once its drain began is ignored,
 *       since it is then being stopped on purpose.</li>
 * </ol>
 *
 * When no instance in rotation is healthy, a request fails ({@link Rotation#acquire}), as a Kubernetes service
 * without a ready endpoint would fail it; this balancer does not "fail open" to unhealthy instances as an AWS load
 * balancer does when all its targets are unhealthy.
 */
public final class HealthChecks implements AutoCloseable {

    /**
     * How the instances are checked.
     *
     * <p>Load balancers check every few seconds and act on a few failed checks in a row: an AWS target group every
     * 30 s (a 5 s timeout, out after 2 failed checks, back after 5 good ones), a Kubernetes readiness probe every
     * 10 s (a 1 s timeout, out after 3, back after 1). A rollout of the tests lasts a minute or two, so
     * {@link #standard()} checks far more often, to see a {@code DOWN} of even a second, and keeps the smallest
     * threshold of those (2); every answer that is not UP is recorded whatever the threshold.
     *
     * @param interval the pause between the answer of one check of an instance and its next check
     * @param timeout how long a check waits for its answer before it counts as not UP
     * @param unhealthyThreshold how many answers in a row not UP take an instance out
     * @param healthyThreshold how many answers in a row UP bring it back
     */
    public record Settings(Duration interval, Duration timeout, int unhealthyThreshold, int healthyThreshold) {

        public Settings {
            Objects.requireNonNull(interval, "'interval' must not be null");
            Objects.requireNonNull(timeout, "'timeout' must not be null");
            if (interval.isNegative()
                    || interval.isZero()
                    || timeout.isNegative()
                    || timeout.isZero()
                    || unhealthyThreshold < 1
                    || healthyThreshold < 1) {
                throw new IllegalArgumentException("'interval' and 'timeout' must be positive and the thresholds at"
                        + " least 1: " + interval + ", " + timeout + ", " + unhealthyThreshold + ", "
                        + healthyThreshold);
            }
        }

        /**
         * Every 500 ms, a 5 s timeout (child JVMs on a busy machine can be slow to answer), out after 2 answers in a
         * row not UP, back after 2 UP.
         */
        public static Settings standard() {
            return new Settings(Duration.ofMillis(500), Duration.ofSeconds(5), 2, 2);
        }
    }

    /**
     * An answer to a health check that was not UP.
     *
     * @param at when the check was sent
     * @param phase the rollout phase then
     * @param instance the instance checked, e.g. {@code v1-1 (http://127.0.0.1:41234)}
     * @param status the HTTP status, or -1 when there was no answer
     * @param body the body answered (at most 2,000 characters), or empty
     * @param problem what was wrong: the status and the components not UP with their details (e.g.
     *     {@code status DOWN; slipway DOWN {"state":"INVALID",...}}), or the exception
     */
    public record Answer(Instant at, String phase, String instance, int status, String body, String problem) {

        @Override
        public String toString() {
            return at + " [" + phase + "] " + instance + ": " + (status < 0 ? "no answer" : status) + " (" + problem
                    + ")";
        }
    }

    /**
     * An instance taken out by health.
     *
     * @param at when the answer that took it out arrived
     * @param phase the rollout phase then
     * @param instance the instance, e.g. {@code v1-1 (http://127.0.0.1:41234)}
     * @param answers the answers in a row that were not UP, the last one took it out
     */
    public record Removal(Instant at, String phase, String instance, List<Answer> answers) {

        public Removal {
            answers = List.copyOf(answers);
        }

        @Override
        public String toString() {
            Answer last = answers.get(answers.size() - 1);
            return at + " [" + phase + "] " + instance + " taken out by health after " + answers.size()
                    + " answer(s) in a row not UP, the last: " + (last.status() < 0 ? "no answer" : last.status())
                    + " (" + last.problem() + ")";
        }
    }

    private static final int MAX_BODY = 2_000;

    private static final int MAX_DETAILS = 600;

    private final Rotation rotation;
    private final Settings settings;
    private final Supplier<String> phase;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Rotation.Target, Thread> checkers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Answer> notUp = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Removal> removals = new ConcurrentLinkedQueue<>();
    private Thread watcher;
    private volatile boolean running;

    /**
     * @param rotation the instances to check; their health decides where {@link Rotation#acquire} sends requests
     * @param settings how often and how strictly
     * @param phase the current rollout phase, recorded with each answer
     */
    public HealthChecks(Rotation rotation, Settings settings, Supplier<String> phase) {
        this.rotation = Objects.requireNonNull(rotation, "'rotation' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.phase = Objects.requireNonNull(phase, "'phase' must not be null");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build();
    }

    /** Starts checking the instances in rotation, and each instance that joins it later. */
    public synchronized void start() {
        if (running) {
            throw new IllegalStateException("The health checks run already");
        }
        running = true;
        watcher = new Thread(this::watch, "health-checks");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Stops the checks and waits for the checks in flight. */
    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        if (watcher != null) {
            watcher.interrupt();
            watcher.join();
            watcher = null;
        }
        for (Thread checker : List.copyOf(checkers.values())) {
            checker.interrupt();
            checker.join(settings.timeout().toMillis() * 2);
        }
        checkers.clear();
    }

    /** Every answer that was not UP from an instance in rotation, in the order they arrived. */
    public List<Answer> notUp() {
        return List.copyOf(notUp);
    }

    /** Every time an instance was taken out by health, in order. */
    public List<Removal> removals() {
        return List.copyOf(removals);
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** Starts a checker for each instance that joined the rotation, every interval. */
    private void watch() {
        while (running) {
            for (Rotation.Target target : rotation.targets()) {
                checkers.computeIfAbsent(target, t -> {
                    Thread checker = new Thread(() -> check(t), "health-check-" + t.name());
                    checker.setDaemon(true);
                    checker.start();
                    return checker;
                });
            }
            try {
                Thread.sleep(settings.interval().toMillis());
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** Checks one instance until it leaves the rotation or the checks stop. */
    private void check(Rotation.Target target) {
        List<Answer> failedInARow = new ArrayList<>();
        int upInARow = 0;
        while (running && target.inRotation()) {
            Answer answer = ask(target);
            if (!running || !target.inRotation()) {
                return; // drained meanwhile: it is being stopped on purpose
            }
            if (answer == null) {
                failedInARow.clear();
                upInARow++;
                if (!target.isHealthy() && upInARow >= settings.healthyThreshold()) {
                    target.healthy(true);
                }
            } else {
                notUp.add(answer);
                upInARow = 0;
                failedInARow.add(answer);
                if (target.isHealthy() && failedInARow.size() >= settings.unhealthyThreshold()) {
                    target.healthy(false);
                    removals.add(new Removal(Instant.now(), answer.phase(), target.toString(), failedInARow));
                }
            }
            try {
                Thread.sleep(settings.interval().toMillis());
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** One check: null when the answer is UP, else the answer. */
    private Answer ask(Rotation.Target target) {
        Instant at = Instant.now();
        String currentPhase = phase.get();
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(target.baseUri().resolve("/actuator/health"))
                            .timeout(settings.timeout())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            return new Answer(at, currentPhase, target.toString(), -1, "", ex.toString());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Answer(at, currentPhase, target.toString(), -1, "", "the check was stopped");
        }
        String body = response.body();
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException ex) {
            root = null;
        }
        String status = root != null && root.path("status").isString()
                ? root.path("status").asString()
                : null;
        if (response.statusCode() == 200 && "UP".equals(status)) {
            return null;
        }
        return new Answer(
                at,
                currentPhase,
                target.toString(),
                response.statusCode(),
                body.length() > MAX_BODY ? body.substring(0, MAX_BODY) + "..." : body,
                status == null ? "no status in the answer" : "status " + status + componentsNotUp(root));
    }

    /** e.g. {@code ; slipway DOWN {"state":"INVALID",...}}: the components of the answer that are not UP. */
    private static String componentsNotUp(JsonNode root) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, JsonNode> component : root.path("components").properties()) {
            String status = component.getValue().path("status").asString("?");
            if (!"UP".equals(status)) {
                String details = component.getValue().path("details").toString();
                out.append("; ")
                        .append(component.getKey())
                        .append(' ')
                        .append(status)
                        .append(' ')
                        .append(details.length() > MAX_DETAILS ? details.substring(0, MAX_DETAILS) + "..." : details);
            }
        }
        return out.toString();
    }
}
