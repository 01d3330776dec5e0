package dev.slipway.cli;

/**
 * A mistake in what the command line was given (an option, a URL, a configuration file): what is wrong and what
 * to do, printed without a stack trace; exit code 1.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String action;

    CliException(String description, String action) {
        super(description);
        this.action = action;
    }

    /** What to do about it, or null. */
    public String action() {
        return action;
    }
}
