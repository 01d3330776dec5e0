package dev.slipway.migrate.autoconfigure;

/**
 * Work that Slipway does in the background of a running application, such as contract migrations, backfills and
 * instance heartbeats. Declare one as a bean; {@link SlipwayBackgroundTasks} runs it on a thread of its own once the
 * application is ready, and asks it to stop when the application shuts down.
 * <p>
 * The stop contract: {@link #run} returns soon after {@link SlipwayBackgroundTaskContext#isStopRequested()} turns
 * true. A task waits between steps with {@link SlipwayBackgroundTaskContext#pause}, which returns at once when a stop
 * is requested, and otherwise only in calls that answer {@linkplain Thread#interrupt() interruption} (JDBC calls
 * should carry a query timeout): a task that has not returned within half of
 * {@code spring.lifecycle.timeout-per-shutdown-phase} is interrupted.
 */
public interface SlipwayBackgroundTask {

    /**
     * A short name for logs and the thread, e.g. {@code heartbeat} or {@code backfill-users_display_name}.
     * @return the task's name
     */
    String name();

    /**
     * Does the task's work, on the task's own thread; called once per start of the application, and again after the
     * task died. Returning ends the task for good: without a stop request it counts as finished (nothing left to do)
     * and is not called again; a periodic task loops on {@link SlipwayBackgroundTaskContext#pause}. An exception or
     * error thrown while no stop was requested means the task died: it is logged at {@code ERROR}, shown in the
     * {@code slipway} health details, and {@code run} is called again, with the same context, after a back-off that
     * grows while it keeps dying (see {@link SlipwayBackgroundTasks}). The other tasks go on meanwhile. A task that
     * can retry a failed step by itself at its next interval should do so rather than throw.
     * @param context tells the task when to stop, and lets it wait without missing a stop request
     * @throws Exception when the task fails
     */
    void run(SlipwayBackgroundTaskContext context) throws Exception;
}
