package dev.slipway.migrate.autoconfigure;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One start of one {@link SlipwayBackgroundTask} on the executor of {@link SlipwayBackgroundTasks}: runs it on a
 * thread named {@code slipway-<name>}, logs how it ends (returned, stopped, interrupted, failed), and lets the owner
 * request a stop, interrupt it and wait for it. An exception from the task ends only this task.
 */
final class RunningBackgroundTask {

    private static final Log logger = LogFactory.getLog(SlipwayBackgroundTasks.class);

    private final SlipwayBackgroundTask task;
    private final SlipwayBackgroundTaskContext context = new SlipwayBackgroundTaskContext();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Future<?> future;
    private volatile boolean started;

    private RunningBackgroundTask(SlipwayBackgroundTask task, ExecutorService executor) {
        this.task = task;
        this.future = executor.submit(this::run);
    }

    static RunningBackgroundTask start(SlipwayBackgroundTask task, ExecutorService executor) {
        return new RunningBackgroundTask(task, executor);
    }

    String name() {
        return task.name();
    }

    private void run() {
        started = true;
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName("slipway-" + task.name());
        long start = System.nanoTime();
        try {
            logger.info("Started background task " + task.name());
            task.run(context);
            logger.info("Background task " + task.name() + (context.isStopRequested() ? " stopped" : " finished")
                    + " after " + millisSince(start) + " ms");
        }
        catch (InterruptedException ex) {
            logger.info("Background task " + task.name() + " was interrupted after " + millisSince(start) + " ms");
        }
        catch (Exception | Error ex) {
            logger.error("Background task " + task.name() + " failed after " + millisSince(start) + " ms", ex);
        }
        finally {
            thread.setName(threadName);
            finished.countDown();
        }
    }

    void requestStop() {
        context.requestStop();
    }

    void interrupt() {
        if (future.cancel(true) && !started) {
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

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
