package dev.slipway.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The repackaged sample app running as a child process ({@code java -jar}), as a user starts it.
 *
 * <ol>
 *   <li>{@link #start} picks a free port and starts the jar with the given arguments, writing its output to a
 *       log file.</li>
 *   <li>{@link #awaitHealthy} polls {@code /actuator/health} until it answers {@code UP}; it fails at once,
 *       with the end of the log, when the process exits, and after a bounded wait.</li>
 *   <li>{@link #stop} asks the process to shut down and kills it when it does not within a few seconds; call it
 *       in {@code finally}.</li>
 * </ol>
 */
public final class SampleAppProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SampleAppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code java -jar jar --server.port=<free port> args...}, its output going to {@code log}. */
    public static SampleAppProcess start(Path jar, Path log, List<String> args) throws IOException {
        return start(jar, log, List.of(), args);
    }

    /**
     * Starts {@code java jvmOptions... -jar jar --server.port=<free port> args...}, its output going to {@code log}.
     * @param jvmOptions options of the child JVM, e.g. {@code -Xmx384m}
     */
    public static SampleAppProcess start(Path jar, Path log, List<String> jvmOptions, List<String> args)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new SampleAppProcess(process, log, port);
    }

    /** The base URI of the running app, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits until {@code /actuator/health} answers 200 with status UP. */
    public void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("The sample app exited with code " + process.exitValue()
                        + " before it was healthy. End of its log:\n" + logTail());
            }
            try {
                HttpResponse<String> response = get("/actuator/health");
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The sample app was not healthy within " + timeout + " (last answer: " + last
                + "). End of its log:\n" + logTail());
    }

    /** {@code GET path}, answered within 10 seconds. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(baseUri().resolve(path)).GET());
    }

    /** {@code POST path} with a JSON body, answered within 10 seconds. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code PUT path} with a JSON body, answered within 10 seconds. */
    public HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file its output goes to. */
    public Path log() {
        return log;
    }

    /** Stops the process: a graceful shutdown first, then a kill. Safe to call more than once. */
    public void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The last lines of the app's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException ex) {
            return "(could not read " + log + ": " + ex + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
