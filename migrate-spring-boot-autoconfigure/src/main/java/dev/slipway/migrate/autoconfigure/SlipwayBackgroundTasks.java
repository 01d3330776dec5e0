package dev.slipway.migrate.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs the {@link SlipwayBackgroundTask} beans: contract migrations, backfills and instance heartbeats start once
 * the application is ready and stop cleanly when it shuts down.
 *
 * <ol>
 *   <li>Nothing runs while the context starts: a startup that fails (a migration, a bean, a runner) never starts a
 *       task, and the expand migrations are applied before any task runs.</li>
 *   <li>On the {@link ApplicationReadyEvent} of its own context, start every task in bean order, each on a daemon
 *       thread of its own from a small executor (threads named {@code slipway-<task name>}), and log it.</li>
 *   <li>A task that dies (throws any exception or error out of {@code run} while no stop was requested) is logged
 *       at {@code ERROR} with the cause and restarted on its thread after a back-off: about 1 s, doubling while it
 *       keeps dying, at most about 1 min, with jitter (each wait is drawn between half of it and all of it); a run
 *       that lasted a minute starts the waits over. The others go on meanwhile. A task that returns by itself,
 *       without a stop request, has finished (a completed backfill) and is not restarted. {@link #status()} shows
 *       each task's state, restarts and last error; the {@code slipway} health contributor shows them under
 *       {@code tasks}.</li>
 *   <li>On shutdown (this is a {@link SmartLifecycle} in phase {@value #PHASE}, which stops after the web server
 *       has drained and stopped and before any bean, such as the {@code DataSource}, is destroyed), ask every
 *       task to stop, in reverse start order; a task's {@link SlipwayBackgroundTaskContext#pause pause} returns at
 *       once, and so does the wait of a task that waits to be restarted.</li>
 *   <li>Wait, in reverse start order, for each task to return, for at most half of the shutdown timeout in all
 *       ({@code spring.lifecycle.timeout-per-shutdown-phase}, 30 s by default); log each one that stopped.</li>
 *   <li>Interrupt every task still running, log it, and wait for at most a quarter of the timeout more; log any
 *       task that still runs, and leave it behind (its thread is a daemon, so it does not keep the JVM alive).
 *       The whole stop so fits within the phase's timeout.</li>
 *   <li>Shut the executor down. A later {@link #start()} (an explicit {@code context.start()} after a stop) starts
 *       the tasks again, since the application is ready.</li>
 * </ol>
 */
public class SlipwayBackgroundTasks
        implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent>, ApplicationContextAware {

    /** The lifecycle phase: below the web server's phases, so it stops after them. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(SlipwayBackgroundTasks.class);

    private final List<SlipwayBackgroundTask> tasks;
    private final Duration shutdownTimeout;
    private final RestartBackoff restartBackoff;
    private final Object monitor = new Object();

    private ApplicationContext applicationContext;
    private boolean ready;
    private ExecutorService executor;
    private volatile List<RunningBackgroundTask> running = List.of();

    /**
     * Creates the runner of the given tasks.
     * @param tasks the tasks, in the order to start them
     * @param shutdownTimeout the most a stop may take, normally {@code spring.lifecycle.timeout-per-shutdown-phase}
     */
    public SlipwayBackgroundTasks(List<SlipwayBackgroundTask> tasks, Duration shutdownTimeout) {
        this(tasks, shutdownTimeout, RestartBackoff.defaults());
    }

    SlipwayBackgroundTasks(List<SlipwayBackgroundTask> tasks, Duration shutdownTimeout, RestartBackoff restartBackoff) {
        this.tasks = List.copyOf(Objects.requireNonNull(tasks, "'tasks' must not be null"));
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "'shutdownTimeout' must not be null");
        this.restartBackoff = Objects.requireNonNull(restartBackoff, "'restartBackoff' must not be null");
    }

    /**
     * How each task is doing: running, waiting to be restarted after it died, finished or stopped, with its restarts
     * and last error. Never blocks, not even while the tasks stop.
     * @return the status of each task in start order; empty before the application is ready and after a stop
     */
    public List<SlipwayBackgroundTaskStatus> status() {
        return running.stream().map(RunningBackgroundTask::status).toList();
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (applicationContext != null && event.getApplicationContext() != applicationContext) {
            return; // the event of a child context, which has its own instance
        }
        if (applicationContext instanceof ConfigurableApplicationContext context && !context.isActive()) {
            return; // closing already
        }
        synchronized (monitor) {
            ready = true;
            startTasks();
        }
    }

    /** Starts the tasks again after an explicit stop; does nothing before the application is ready. */
    @Override
    public void start() {
        synchronized (monitor) {
            if (ready) {
                startTasks();
            }
        }
    }

    private void startTasks() {
        if (executor != null || tasks.isEmpty()) {
            return;
        }
        CustomizableThreadFactory threads = new CustomizableThreadFactory("slipway-background-");
        threads.setDaemon(true);
        executor = Executors.newFixedThreadPool(tasks.size(), threads);
        List<RunningBackgroundTask> started = new ArrayList<>(tasks.size());
        for (SlipwayBackgroundTask task : tasks) {
            started.add(RunningBackgroundTask.start(task, executor, restartBackoff));
        }
        running = List.copyOf(started);
        log.info(
                "Started {} Slipway background task(s): {}",
                tasks.size(),
                String.join(
                        ", ", tasks.stream().map(SlipwayBackgroundTask::name).toList()));
    }

    @Override
    public void stop() {
        synchronized (monitor) {
            if (executor == null) {
                return;
            }
            try {
                stopTasks();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                running.forEach(RunningBackgroundTask::interrupt);
            } finally {
                executor.shutdownNow();
                executor = null;
                running = List.of();
            }
        }
    }

    private void stopTasks() throws InterruptedException {
        List<RunningBackgroundTask> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        long stopStart = System.nanoTime();
        for (RunningBackgroundTask task : reversed) {
            if (!task.isFinished()) {
                log.info("Stopping background task {}", task.name());
                task.requestStop();
            }
        }
        long graceful = stopStart + shutdownTimeout.toNanos() / 2;
        List<RunningBackgroundTask> stubborn = new ArrayList<>();
        for (RunningBackgroundTask task : reversed) {
            if (!task.awaitFinished(graceful)) {
                stubborn.add(task);
            }
        }
        if (stubborn.isEmpty()) {
            log.info("Stopped every Slipway background task in {} ms", millisSince(stopStart));
            return;
        }
        for (RunningBackgroundTask task : stubborn) {
            log.warn(
                    "Background task {} did not stop within {} ms of the request; interrupting it",
                    task.name(),
                    shutdownTimeout.dividedBy(2).toMillis());
            task.interrupt();
        }
        long interrupted = System.nanoTime() + shutdownTimeout.toNanos() / 4;
        for (RunningBackgroundTask task : stubborn) {
            if (!task.awaitFinished(interrupted)) {
                log.error(
                        "Background task {} still runs after being interrupted; leaving its daemon thread behind."
                                + " A task must return when a stop is requested or it is interrupted.",
                        task.name());
            }
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (monitor) {
            return executor != null;
        }
    }

    /** Not started with the context's refresh, but on {@link ApplicationReadyEvent}. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
