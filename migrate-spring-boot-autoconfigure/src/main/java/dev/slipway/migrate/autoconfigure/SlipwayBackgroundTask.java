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
     * Does the task's work; called once per start of the application, on the task's own thread. Returning ends the
     * task (a periodic task loops on {@link SlipwayBackgroundTaskContext#pause}); an exception is logged and ends
     * this task only.
     * @param context tells the task when to stop, and lets it wait without missing a stop request
     * @throws Exception when the task fails
     */
    void run(SlipwayBackgroundTaskContext context) throws Exception;
}
