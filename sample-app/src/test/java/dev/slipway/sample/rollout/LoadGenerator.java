package dev.slipway.sample.rollout;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients of the sample app's REST API: a few worker threads that send a mix of reads and writes, each to the next
 * healthy instance of a {@link Rotation}, and record every failure and every latency, by rollout phase.
 *
 * <p>While the load runs, {@link HealthChecks} poll each instance's {@code /actuator/health} as a load balancer does
 * and take an instance that is not {@code UP} out of the requests' way: a rollout that makes an instance report
 * {@code DOWN} shows in {@link #health()}, and in failed requests when no healthy instance is left.
 *
 * <p>A request fails when it gets no answer (an I/O error or a timeout), a status other than the one expected
 * ({@code 404} is expected only for a user that does not exist), or an answer that contradicts what the load
 * wrote before: each worker owns its users ({@link UserLedger}), and reading one must show the name last written
 * to it, whichever release wrote it and whichever release reads it.
 *
 * <p>The mix, per 100 requests: 28 read an owned user, 18 list a user's posts, 8 list the latest posts, 2 read a user
 * that does not exist, 8 create a user, 24 rename an owned user, 12 create a post.
 *
 * <p>Two ways to pace it ({@link Settings}):
 * <ul>
 *   <li><em>closed loop</em> ({@link Settings#light()}): each worker pauses after each answer; a latency is
 *       measured from the moment the request is sent. A slow answer delays the requests after it, so a stall sends
 *       fewer requests and its cost is under-counted (coordinated omission). Enough to prove that nothing fails.</li>
 *   <li><em>fixed rate</em> ({@link Settings#fixedRate}): the workers share a schedule of {@code ratePerSecond}
 *       requests per second, each request with a planned start; a worker sends each request at its planned start,
 *       or at once when it is late, and its latency is measured <em>from the planned start</em>. A request that was
 *       due during a stall counts the time it waited for a worker, as a user arriving then would have waited: the
 *       same load whatever the app does, and latencies free of coordinated omission, for benchmarks.</li>
 * </ul>
 */
public final class LoadGenerator implements AutoCloseable {

    /**
     * How much load to send.
     *
     * @param workers the number of worker threads, each sending one request at a time
     * @param pause the pause of a worker after each request (closed loop only)
     * @param requestTimeout how long a request may take before it counts as failed
     * @param ratePerSecond the requests per second of a fixed-rate load, over all workers; 0 for a closed loop
     * @param healthChecks how the instances' health is checked while the load runs
     */
    public record Settings(
            int workers,
            Duration pause,
            Duration requestTimeout,
            double ratePerSecond,
            HealthChecks.Settings healthChecks) {

        public Settings {
            if (workers < 1 || ratePerSecond < 0) {
                throw new IllegalArgumentException("'workers' must be at least 1 and 'ratePerSecond' not negative: "
                        + workers + ", " + ratePerSecond);
            }
            Objects.requireNonNull(healthChecks, "'healthChecks' must not be null");
        }

        /** A closed loop: each worker pauses {@code pause} after each answer; the standard health checks. */
        public Settings(int workers, Duration pause, Duration requestTimeout) {
            this(workers, pause, requestTimeout, 0, HealthChecks.Settings.standard());
        }

        /** A light load for tests: a closed loop of 4 workers, 2 ms apart, 10 s timeout; the standard health checks. */
        public static Settings light() {
            return new Settings(4, Duration.ofMillis(2), Duration.ofSeconds(10));
        }

        /**
         * A fixed-rate load: {@code ratePerSecond} requests per second, whatever the answers take, latencies measured
         * from each request's planned start; the standard health checks.
         */
        public static Settings fixedRate(int workers, double ratePerSecond, Duration requestTimeout) {
            if (ratePerSecond <= 0) {
                throw new IllegalArgumentException("'ratePerSecond' must be positive: " + ratePerSecond);
            }
            return new Settings(
                    workers, Duration.ZERO, requestTimeout, ratePerSecond, HealthChecks.Settings.standard());
        }

        /** Whether requests follow a fixed schedule. */
        public boolean isFixedRate() {
            return ratePerSecond > 0;
        }
    }

    private static final int MAX_BODY = 2_000;

    private static final long UNKNOWN_USER = 9_000_000_000_000L;

    private final Rotation rotation;
    private final UserLedger users;
    private final Settings settings;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final LatencyLog latencies = new LatencyLog();
    private final ConcurrentLinkedQueue<FailedRequest> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private final AnswerTimeline answers = new AnswerTimeline();
    private final HealthChecks health;
    private final List<Thread> workers = new ArrayList<>();
    private volatile String phase = "start";
    private volatile boolean running;

    /**
     * @param rotation where requests go
     * @param users the users that exist, dealt out among {@code settings.workers()} workers
     * @param settings how much load
     */
    public LoadGenerator(Rotation rotation, UserLedger users, Settings settings) {
        this.rotation = Objects.requireNonNull(rotation, "'rotation' must not be null");
        this.users = Objects.requireNonNull(users, "'users' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.health = new HealthChecks(rotation, settings.healthChecks(), () -> phase);
    }

    /** Starts the health checks and the workers. */
    public synchronized void start() {
        if (running) {
            throw new IllegalStateException("The load runs already");
        }
        running = true;
        health.start();
        latencies.open(phase);
        long scheduleStart = System.nanoTime();
        for (int i = 0; i < settings.workers(); i++) {
            int worker = i;
            Thread thread = new Thread(() -> work(worker, scheduleStart), "load-" + i);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
    }

    /** Begins a rollout phase: the requests sent from now on are recorded under this name. */
    public void phase(String name) {
        latencies.open(name);
        phase = name;
    }

    /** The current phase. */
    public String phase() {
        return phase;
    }

    /**
     * Waits until at least {@code count} requests have completed in the current phase, so that each phase sees some
     * load however quickly the rollout moves on.
     * @throws IllegalStateException when they have not after {@code timeout}, or the workers stopped
     */
    public void awaitRequestsInPhase(long count, Duration timeout) throws InterruptedException {
        String current = phase;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latencies.count(current) < count) {
            if (!running || System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + latencies.count(current) + " of " + count
                        + " requests completed in phase '" + current + "' (running: " + running + ")");
            }
            Thread.sleep(10);
        }
    }

    /** Stops the workers, waits for their last requests, then stops the health checks. */
    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(settings.requestTimeout().toMillis() * 2);
        }
        workers.clear();
        health.close();
    }

    /** Every failed request so far, in the order they were recorded. */
    public List<FailedRequest> failures() {
        return List.copyOf(failures);
    }

    /** The latencies by phase. */
    public LatencyLog latencies() {
        return latencies;
    }

    /** The number of requests completed (answered or failed). */
    public long requests() {
        return requests.get();
    }

    /** When requests were answered as expected, to find the longest time without a good answer. */
    public AnswerTimeline answers() {
        return answers;
    }

    /** The health checks: every answer not UP, and every instance they took out. */
    public HealthChecks health() {
        return health;
    }

    /** The users and the names the load wrote. */
    public UserLedger users() {
        return users;
    }

    private void work(int worker, long scheduleStart) {
        List<Long> owned = users.ownedBy(worker);
        long sequence = 0;
        // Fixed rate: worker w sends requests w, w + workers, w + 2 * workers... of one schedule.
        double interval = settings.isFixedRate() ? 1e9 / settings.ratePerSecond() : 0;
        while (running) {
            sequence++;
            try {
                long planned = 0;
                if (settings.isFixedRate()) {
                    planned = scheduleStart + (long) (((sequence - 1) * settings.workers() + worker) * interval);
                    long wait = planned - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    if (!running) {
                        return;
                    }
                }
                int dice = ThreadLocalRandom.current().nextInt(100);
                long user = owned.get(ThreadLocalRandom.current().nextInt(owned.size()));
                if (dice < 28) {
                    String expected = users.expectedName(user);
                    send(planned, "GET", "/users/" + user, null, 200, body -> checkName(body, expected));
                } else if (dice < 46) {
                    send(planned, "GET", "/users/" + user + "/posts", null, 200, null);
                } else if (dice < 54) {
                    send(planned, "GET", "/posts?limit=20", null, 200, null);
                } else if (dice < 56) {
                    send(planned, "GET", "/users/" + (UNKNOWN_USER + worker), null, 404, null);
                } else if (dice < 64) {
                    String name = "Load " + worker + "-" + sequence;
                    String email = "load-" + runId + "-" + worker + "-" + sequence + "@example.org";
                    JsonNode created = send(
                            planned,
                            "POST",
                            "/users",
                            "{\"email\": \"" + email + "\", \"name\": \"" + name + "\"}",
                            201,
                            body -> checkName(body, name));
                    if (created != null) {
                        long id = created.path("id").asLong();
                        users.written(id, name);
                        owned.add(id);
                    }
                } else if (dice < 88) {
                    String name = "Renamed " + worker + "-" + sequence;
                    users.uncertain(user);
                    JsonNode renamed = send(
                            planned,
                            "PUT",
                            "/users/" + user,
                            "{\"name\": \"" + name + "\"}",
                            200,
                            body -> checkName(body, name));
                    if (renamed != null) {
                        users.written(user, name);
                    }
                } else {
                    send(
                            planned,
                            "POST",
                            "/users/" + user + "/posts",
                            "{\"title\": \"Rollout note " + worker + "-" + sequence
                                    + "\", \"body\": \"Written during the rollout.\"}",
                            201,
                            null);
                }
                if (!settings.isFixedRate()) {
                    Thread.sleep(settings.pause().toMillis());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Checks an answer's body; returns what is wrong with it, or null. */
    private interface BodyCheck {
        String problem(JsonNode body);
    }

    private static String checkName(JsonNode body, String expected) {
        if (expected == null) {
            return null;
        }
        String actual = body.path("name").isString() ? body.path("name").asString() : null;
        return expected.equals(actual) ? null : "expected name '" + expected + "', the answer shows '" + actual + "'";
    }

    /**
     * Sends one request to the next instance; returns the parsed body when it succeeded, else null.
     * @param planned the planned start of a fixed-rate request, from which its latency is measured; else ignored
     */
    private JsonNode send(long planned, String method, String path, String body, int expectedStatus, BodyCheck check)
            throws InterruptedException {
        String currentPhase = phase;
        Instant at = Instant.now();
        Rotation.Target target;
        try {
            target = rotation.acquire();
        } catch (IllegalStateException noInstance) {
            failures.add(new FailedRequest(
                    at, currentPhase, "none", method, path, orEmpty(body), -1, "", noInstance.getMessage()));
            Thread.sleep(100);
            return null;
        }
        long start = settings.isFixedRate() ? planned : System.nanoTime();
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(target.baseUri().resolve(path)).timeout(settings.requestTimeout());
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            record(currentPhase, start);
            failures.add(new FailedRequest(
                    at, currentPhase, target.toString(), method, path, orEmpty(body), -1, "", ex.toString()));
            return null;
        } finally {
            rotation.release(target);
        }
        record(currentPhase, start);
        String problem = null;
        JsonNode parsed = null;
        if (response.statusCode() != expectedStatus) {
            problem = "expected " + expectedStatus;
        } else if (expectedStatus < 300) {
            try {
                parsed = json.readTree(response.body());
                problem = check == null ? null : check.problem(parsed);
            } catch (RuntimeException ex) {
                problem = "the answer is not JSON: " + ex;
            }
        }
        if (problem != null) {
            String text = response.body();
            failures.add(new FailedRequest(
                    at,
                    currentPhase,
                    target.toString(),
                    method,
                    path,
                    orEmpty(body),
                    response.statusCode(),
                    text.length() > MAX_BODY ? text.substring(0, MAX_BODY) + "..." : text,
                    problem));
            return null;
        }
        answers.answered(System.nanoTime());
        return parsed;
    }

    private void record(String currentPhase, long start) {
        latencies.record(currentPhase, System.nanoTime() - start);
        requests.incrementAndGet();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
