package dev.slipway.benchmarks;

import dev.slipway.benchmarks.app.ReadyLine;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One start of the benchmark application in a JVM of its own, timed from just before the process is launched.
 *
 * <ol>
 *   <li>{@link #start} picks a free port and launches {@code java ... StartupBenchmarkApplication}; a thread reads the
 *       process's output line by line, copies it to a log file, and notes the moment the {@link ReadyLine} appears.</li>
 *   <li>{@link #awaitReady} returns the time from launch to that line (the application's
 *       {@code ApplicationReadyEvent}), with what the line says; it fails with the end of the log if the process exits
 *       first or the wait times out.</li>
 *   <li>{@link #awaitHealthy} then polls {@code /actuator/health} every few milliseconds and returns the time from
 *       launch to the first {@code UP}: this includes the first connection to the database in every variant.</li>
 *   <li>{@link #stop} ends the process (SIGTERM, then a kill after 30 s).</li>
 * </ol>
 */
final class AppProcess {

    /** What the ready line said, and when it was read. */
    record Ready(long nanosSinceLaunch, long jvmUptimeMillis, long cpuMillis, boolean slipway, boolean flyway) {}

    private static final Pattern READY = Pattern.compile(Pattern.quote(ReadyLine.PREFIX)
            + " uptime-ms=(\\d+) cpu-ms=(\\d+) slipway=(true|false) flyway=(true|false)");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final Process process;
    private final long launchedAt;
    private final int port;
    private final Path log;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Ready> ready = new CompletableFuture<>();

    private AppProcess(Process process, long launchedAt, int port, Path log) {
        this.process = process;
        this.launchedAt = launchedAt;
        this.port = port;
        this.log = log;
    }

    /**
     * Launches the application.
     *
     * @param classPath the class path of the child JVM
     * @param jvmOptions options before the main class, e.g. {@code -Xmx512m}
     * @param arguments application arguments (the port is added)
     * @param log the file to copy the process's output to
     */
    static AppProcess start(String classPath, List<String> jvmOptions, List<String> arguments, Path log)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add("dev.slipway.benchmarks.app.StartupBenchmarkApplication");
        command.add("--server.port=" + port);
        command.addAll(arguments);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long launchedAt = System.nanoTime();
        AppProcess app = new AppProcess(builder.start(), launchedAt, port, log);
        Thread reader = new Thread(app::readOutput, "startup-benchmark-output-" + port);
        reader.setDaemon(true);
        reader.start();
        return app;
    }

    private void readOutput() {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                Matcher matcher = READY.matcher(line);
                if (!ready.isDone() && matcher.find()) {
                    ready.complete(new Ready(
                            now - launchedAt,
                            Long.parseLong(matcher.group(1)),
                            Long.parseLong(matcher.group(2)),
                            Boolean.parseBoolean(matcher.group(3)),
                            Boolean.parseBoolean(matcher.group(4))));
                }
                out.write(line);
                out.newLine();
                out.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 80) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(new UncheckedIOException(e));
        }
        ready.completeExceptionally(new IllegalStateException("The application's output ended before it was ready"));
    }

    /** Waits for the ready line. */
    Ready awaitReady(Duration timeout) throws InterruptedException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "The application was not ready (" + e + "). End of " + log + ":\n" + tail(), e);
        }
    }

    /** Polls {@code /actuator/health} until it answers UP; returns the nanoseconds since launch. */
    long awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
                    return System.nanoTime() - launchedAt;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(
                "/actuator/health was not UP (last answer: " + last + "). End of " + log + ":\n" + tail());
    }

    /** Ends the process: SIGTERM, then a kill if it has not exited within 30 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
