package dev.slipway.sample.rollout;

import dev.slipway.sample.SampleAppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The sample app's instances during a rollout: each is the packaged jar started as its own JVM
 * ({@link SampleAppProcess}) with the Spring profile of its release, on a free port, against one database.
 *
 * <ol>
 *   <li>{@link #start} starts instances of a release side by side (they race for Slipway's migration lock, as a
 *       real fleet does) and waits until each is healthy.</li>
 *   <li>{@link #rotateIn} puts them into the {@link Rotation}, so the load reaches them.</li>
 *   <li>{@link #retire} takes them out of rotation, waits for their in-flight requests, then stops them with a
 *       graceful shutdown.</li>
 * </ol>
 */
public final class Fleet implements AutoCloseable {

    /**
     * How instances are started.
     *
     * @param jar the repackaged {@code sample-app.jar}
     * @param logDirectory where each instance's output goes, as {@code rollout-<release>-<n>.log}
     * @param jvmOptions options of each child JVM, e.g. {@code -Xmx384m}
     * @param appArguments arguments of every instance besides its port and profile (database URL, credentials,
     *     Slipway settings)
     * @param startupTimeout how long an instance may take to be healthy
     * @param drainTimeout how long its in-flight requests may take when it leaves the rotation
     */
    public record Settings(
            Path jar,
            Path logDirectory,
            List<String> jvmOptions,
            List<String> appArguments,
            Duration startupTimeout,
            Duration drainTimeout) {

        public Settings {
            jvmOptions = List.copyOf(jvmOptions);
            appArguments = List.copyOf(appArguments);
        }
    }

    /** One running instance. */
    public static final class Instance {

        private final String name;
        private final String release;
        private final SampleAppProcess process;
        private volatile Rotation.Target target;

        Instance(String name, String release, SampleAppProcess process) {
            this.name = name;
            this.release = release;
            this.process = process;
        }

        /** @return e.g. {@code v2-1} */
        public String name() {
            return name;
        }

        /** @return e.g. {@code v2} */
        public String release() {
            return release;
        }

        /** @return the process */
        public SampleAppProcess process() {
            return process;
        }

        /** @return its {@code /actuator/slipway} */
        public SlipwayActuator slipway() {
            return new SlipwayActuator(process.baseUri());
        }

        @Override
        public String toString() {
            return name + " (" + process.baseUri() + ")";
        }
    }

    private final Settings settings;
    private final Rotation rotation;
    private final List<Instance> instances = new ArrayList<>();

    public Fleet(Settings settings, Rotation rotation) {
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.rotation = Objects.requireNonNull(rotation, "'rotation' must not be null");
    }

    /**
     * Starts {@code count} instances of a release at the same time and waits until every one is healthy.
     * @param release the Spring profile, e.g. {@code v2}
     * @param extraArguments arguments for these instances only
     * @throws AssertionError when one exits or is not healthy in time, with the end of its log
     */
    public List<Instance> start(String release, int count, List<String> extraArguments) throws Exception {
        List<Instance> started = new ArrayList<>();
        int first = (int) instances.stream()
                        .filter(i -> i.release().equals(release))
                        .count()
                + 1;
        for (int n = first; n < first + count; n++) {
            String name = release + "-" + n;
            List<String> arguments = new ArrayList<>(settings.appArguments());
            arguments.add("--spring.profiles.active=" + release);
            arguments.addAll(extraArguments);
            SampleAppProcess process = SampleAppProcess.start(
                    settings.jar(),
                    settings.logDirectory().resolve("rollout-" + name + ".log"),
                    settings.jvmOptions(),
                    arguments);
            Instance instance = new Instance(name, release, process);
            instances.add(instance);
            started.add(instance);
        }
        ExecutorService waiters = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> healthy = new ArrayList<>();
            for (Instance instance : started) {
                healthy.add(waiters.submit(() -> {
                    instance.process().awaitHealthy(settings.startupTimeout());
                    return null;
                }));
            }
            for (Future<?> future : healthy) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException ex) {
                    if (ex.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) ex.getCause();
                }
            }
        } finally {
            waiters.shutdownNow();
        }
        return started;
    }

    /** Puts instances into rotation. */
    public void rotateIn(List<Instance> some) {
        for (Instance instance : some) {
            instance.target = rotation.add(instance.name(), instance.process().baseUri());
        }
    }

    /** Takes instances out of rotation, waits until none has a request in flight, then stops them. */
    public void retire(List<Instance> some) throws InterruptedException {
        for (Instance instance : some) {
            if (instance.target != null) {
                rotation.drain(instance.target, settings.drainTimeout());
                instance.target = null;
            }
        }
        for (Instance instance : some) {
            instance.process().stop();
        }
    }

    /** The instances started so far that still run. */
    public List<Instance> running() {
        return instances.stream().filter(i -> i.process().isAlive()).toList();
    }

    /** Stops every instance that still runs (without draining). */
    @Override
    public void close() throws InterruptedException {
        for (Instance instance : instances) {
            instance.process().stop();
        }
    }
}
