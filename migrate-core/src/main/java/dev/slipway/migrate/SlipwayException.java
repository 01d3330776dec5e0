package dev.slipway.migrate;

import java.util.Objects;

/**
 * Base class of every exception Slipway throws. Each carries, as separate values, an {@linkplain #getError() error
 * code}, its facts (fields of the subclass), a {@linkplain #getDescription() description} of what happened (with the
 * facts, no advice) and an {@linkplain #getAction() action}: what to do, with the settings it names as
 * {@link Setting}s, so that each front end renders them in its own terms (a Spring Boot failure analysis as
 * properties, a command line as flags).
 *
 * <p>{@link #getMessage()} is the description, then the action in neutral words ({@link Action#toString()}) on the
 * lines after it: complete and readable in logs, naming no front end's settings.
 */
public class SlipwayException extends RuntimeException {

    private final SlipwayError error;
    private final String description;
    private final Action action;

    /**
     * @param error the error code
     * @param description what happened, with the facts
     * @param action what to do; {@link Action#none()} when there is nothing to add
     */
    public SlipwayException(SlipwayError error, String description, Action action) {
        this(error, description, action, null);
    }

    /**
     * @param error the error code
     * @param description what happened, with the facts
     * @param action what to do; {@link Action#none()} when there is nothing to add
     * @param cause the exception that caused it, or null
     */
    public SlipwayException(SlipwayError error, String description, Action action, Throwable cause) {
        super(message(description, action), cause);
        this.error = Objects.requireNonNull(error, "'error' must not be null");
        this.description = Objects.requireNonNull(description, "'description' must not be null");
        this.action = Objects.requireNonNull(action, "'action' must not be null");
    }

    /** An error of code {@link SlipwayError#OTHER} whose message is its description and that has no action. */
    public SlipwayException(String message) {
        this(message, null);
    }

    /** An error of code {@link SlipwayError#OTHER} whose message is its description and that has no action. */
    public SlipwayException(String message, Throwable cause) {
        this(SlipwayError.OTHER, message, Action.none(), cause);
    }

    /** The stable code of the error. */
    public SlipwayError getError() {
        return this.error;
    }

    /** What happened, with the facts: no advice. */
    public String getDescription() {
        return this.description;
    }

    /** What to do, with the settings it names as {@link Setting}s; empty when there is nothing to add. */
    public Action getAction() {
        return this.action;
    }

    private static String message(String description, Action action) {
        return action == null || action.isEmpty() ? description : description + "\n" + action;
    }
}
