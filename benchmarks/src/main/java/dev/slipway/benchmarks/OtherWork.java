package dev.slipway.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What else ran on the machine during a benchmark, sampled every {@value #PERIOD_SECONDS} s on a thread of its own:
 * the 1-minute load average, and the Java processes that are neither this JVM, nor its children, nor the Maven
 * build that started it (other builds, test JVMs, app instances of other runs), by kind.
 */
final class OtherWork {

    static final long PERIOD_SECONDS = 5;

    private final Thread thread;
    private final Map<String, Integer> mostAtOnce = new TreeMap<>();
    private volatile boolean running = true;
    private double loadSum;
    private double loadMax;
    private int samples;

    private OtherWork() {
        thread = new Thread(this::sample, "other-work-sampler");
        thread.setDaemon(true);
    }

    static OtherWork start() {
        OtherWork work = new OtherWork();
        work.thread.start();
        return work;
    }

    private void sample() {
        while (running) {
            double load = oneMinuteLoad();
            Map<String, Integer> kinds = otherJavaProcesses();
            synchronized (this) {
                if (load >= 0) {
                    loadSum += load;
                    loadMax = Math.max(loadMax, load);
                    samples++;
                }
                kinds.forEach((kind, count) -> mostAtOnce.merge(kind, count, Math::max));
            }
            try {
                Thread.sleep(PERIOD_SECONDS * 1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling; returns e.g. "load average (1 min) mean 7.9, max 14.4; other Java processes ...". */
    String stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2_000);
        synchronized (this) {
            String load = samples == 0
                    ? "load average unknown"
                    : String.format(
                            Locale.ROOT,
                            "1-minute load average mean %.1f, max %.1f (%d samples, every %d s)",
                            loadSum / samples,
                            loadMax,
                            samples,
                            PERIOD_SECONDS);
            String others = mostAtOnce.isEmpty()
                    ? "no other Java process"
                    : "other Java processes, most at once: "
                            + mostAtOnce.entrySet().stream()
                                    .map(e -> e.getValue() + " " + e.getKey())
                                    .collect(Collectors.joining(", "));
            return load + "; " + others;
        }
    }

    private static double oneMinuteLoad() {
        try {
            return Double.parseDouble(
                    Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<String, Integer> otherJavaProcesses() {
        ProcessHandle self = ProcessHandle.current();
        Set<Long> ours = self.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        ours.add(self.pid());
        self.parent().ifPresent(parent -> ours.add(parent.pid())); // the Maven build that runs this benchmark
        Map<String, Integer> kinds = new TreeMap<>();
        ProcessHandle.allProcesses()
                .filter(process -> !ours.contains(process.pid()))
                .forEach(process -> {
                    String command = process.info().command().orElse("");
                    if (command.endsWith("/java")) {
                        kinds.merge(
                                kind(String.join(" ", process.info().arguments().orElse(new String[0]))),
                                1,
                                Integer::sum);
                    }
                });
        return kinds;
    }

    private static String kind(String arguments) {
        if (arguments.contains("plexus-classworlds")) {
            return "Maven build(s)";
        }
        if (arguments.contains("surefirebooter") || arguments.contains("failsafe")) {
            return "test JVM(s)";
        }
        if (arguments.contains("sample-app.jar")) {
            return "sample app instance(s) of other runs";
        }
        return "other Java process(es)";
    }
}
