package dev.slipway.migrate.autoconfigure;

import java.time.Instant;
import java.util.Objects;

/**
 * How one background task of {@link SlipwayBackgroundTasks} is doing, as the {@code slipway} health contributor
 * shows it under {@code tasks}.
 *
 * @param name the task's {@linkplain SlipwayBackgroundTask#name() name}
 * @param state whether it runs, waits to be restarted, finished or stopped
 * @param restarts how often it was restarted after it died (threw out of {@code run} while no stop was requested)
 *     since the application started it
 * @param lastError the exception it last died of ({@code Class: message}), or {@code null} when it never died
 * @param lastFailedAt when it last died, or {@code null} when it never died
 * @param nextStartAt when it is restarted, while it is {@link State#RESTARTING}; otherwise {@code null}
 */
public record SlipwayBackgroundTaskStatus(
        String name, State state, int restarts, String lastError, Instant lastFailedAt, Instant nextStartAt) {

    /**
     * Creates a status.
     * @param name the task's name
     * @param state its state
     * @param restarts how often it was restarted
     * @param lastError the exception it last died of, or {@code null}
     * @param lastFailedAt when it last died, or {@code null}
     * @param nextStartAt when it is restarted, or {@code null}
     */
    public SlipwayBackgroundTaskStatus {
        Objects.requireNonNull(name, "'name' must not be null");
        Objects.requireNonNull(state, "'state' must not be null");
    }

    /** What a background task is doing. */
    public enum State {

        /** Its {@code run} method is running. */
        RUNNING,

        /** It died, and waits out its back-off before it is started again. */
        RESTARTING,

        /** It returned by itself, without being asked to stop (e.g. its backfill completed); not restarted. */
        FINISHED,

        /** It returned, or was interrupted, after the application asked it to stop. */
        STOPPED
    }
}
