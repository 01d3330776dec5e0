package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.autoconfigure.SlipwayBackgroundTaskStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start of one {@link SlipwayBackgroundTask} on the executor of {@link SlipwayBackgroundTasks}: runs it on a
 * thread named {@code slipway-<name>}, restarts it when it dies, and lets the owner request a stop, interrupt it,
 * wait for it and read its {@link SlipwayBackgroundTaskStatus status}.
 *
 * <ol>
 *   <li>Run the task with its context (one context for all its restarts, so a stop request reaches every run).</li>
 *   <li>It returns after a stop request, or is interrupted then: {@link State#STOPPED}, logged, done.</li>
 *   <li>It returns by itself, without a stop request: {@link State#FINISHED}, logged, done. Returning is how a task
 *       says it has nothing left to do (a completed backfill; a contract task that gave up on a failing contract
 *       migration), so it is not restarted, and a task that returns at once cannot spin.</li>
 *   <li>It throws (any exception or error, including an {@link InterruptedException} nobody asked for) while no stop
 *       was requested: it died. Keep the error and its time for the status, log it at {@code ERROR} with the
 *       cause and the wait, and wait out the {@link RestartBackoff back-off} with the context's
 *       {@link SlipwayBackgroundTaskContext#pause pause} ({@link State#RESTARTING}), which a stop request ends at
 *       once. Then count the restart and start it again.</li>
 *   <li>It throws after a stop was requested: logged, {@link State#STOPPED}, not restarted.</li>
 * </ol>
 */
final class RunningBackgroundTask {

    /** Logs as {@link SlipwayBackgroundTasks}, which owns the tasks. */
    private static final Logger log = LoggerFactory.getLogger(SlipwayBackgroundTasks.class);

    private final SlipwayBackgroundTask task;
    private final RestartBackoff backoff;
    private final SlipwayBackgroundTaskContext context = new SlipwayBackgroundTaskContext();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Future<?> future;
    private volatile boolean started;
    private volatile SlipwayBackgroundTaskStatus status;

    private RunningBackgroundTask(SlipwayBackgroundTask task, ExecutorService executor, RestartBackoff backoff) {
        this.task = task;
        this.backoff = backoff;
        this.status = new SlipwayBackgroundTaskStatus(task.name(), State.RUNNING, 0, null, null, null);
        this.future = executor.submit(this::run);
    }

    static RunningBackgroundTask start(SlipwayBackgroundTask task, ExecutorService executor, RestartBackoff backoff) {
        return new RunningBackgroundTask(task, executor, backoff);
    }

    String name() {
        return task.name();
    }

    SlipwayBackgroundTaskStatus status() {
        return status;
    }

    private void run() {
        started = true;
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName("slipway-" + task.name());
        try {
            int inARow = 0;
            while (true) {
                long start = System.nanoTime();
                Throwable died = runOnce(start);
                if (died == null) {
                    return;
                }
                Duration ran = Duration.ofNanos(System.nanoTime() - start);
                inARow = backoff.workedFor(ran) ? 1 : inARow + 1;
                Duration wait = backoff.delay(inARow);
                Instant now = Instant.now();
                int restarts = status.restarts();
                status = new SlipwayBackgroundTaskStatus(
                        task.name(), State.RESTARTING, restarts, describe(died), now, now.plus(wait));
                log.error(
                        "Background task {} died after {} ms: {}. Restarting it in {} ms (restart {}; the wait"
                                + " doubles up to {} ms while it keeps dying).",
                        task.name(),
                        ran.toMillis(),
                        describe(died),
                        wait.toMillis(),
                        restarts + 1,
                        backoff.max().toMillis(),
                        died);
                Thread.interrupted(); // nobody asked it to stop: an interrupt left behind must not end the wait
                if (!context.pause(wait)) {
                    stopped("was stopped while waiting to be restarted");
                    return;
                }
                status = new SlipwayBackgroundTaskStatus(
                        task.name(), State.RUNNING, restarts + 1, status.lastError(), status.lastFailedAt(), null);
            }
        } catch (InterruptedException ex) {
            stopped("was interrupted while waiting to be restarted");
        } finally {
            thread.setName(threadName);
            finished.countDown();
        }
    }

    /** Runs the task once; answers what it died of, or null when it ended (stopped, finished) and is done. */
    private Throwable runOnce(long start) {
        try {
            log.info("Started background task {}", task.name());
            task.run(context);
            if (context.isStopRequested()) {
                stopped("stopped after " + millisSince(start) + " ms");
            } else {
                end(State.FINISHED);
                log.info(
                        "Background task {} finished after {} ms; it is not restarted",
                        task.name(),
                        millisSince(start));
            }
            return null;
        } catch (Exception | Error ex) {
            if (!context.isStopRequested()) {
                return ex;
            }
            if (ex instanceof InterruptedException) {
                stopped("was interrupted after " + millisSince(start) + " ms");
            } else {
                end(State.STOPPED);
                log.error("Background task {} failed while stopping, after {} ms", task.name(), millisSince(start), ex);
            }
            return null;
        }
    }

    private void stopped(String how) {
        end(State.STOPPED);
        log.info("Background task {} {}", task.name(), how);
    }

    private void end(State state) {
        SlipwayBackgroundTaskStatus before = status;
        status = new SlipwayBackgroundTaskStatus(
                task.name(), state, before.restarts(), before.lastError(), before.lastFailedAt(), null);
    }

    void requestStop() {
        context.requestStop();
    }

    void interrupt() {
        if (future.cancel(true) && !started) {
            end(State.STOPPED);
            finished.countDown(); // cancelled before its thread took it up: it never runs
        }
    }

    /** Waits until the task has returned, at most until {@code deadline} ({@link System#nanoTime()}). */
    boolean awaitFinished(long deadline) throws InterruptedException {
        return finished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    boolean isFinished() {
        return finished.getCount() == 0;
    }

    private static String describe(Throwable ex) {
        return ex.getMessage() == null ? ex.getClass().getName() : ex.getClass().getName() + ": " + ex.getMessage();
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
