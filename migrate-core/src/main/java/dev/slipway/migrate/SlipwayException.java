package dev.slipway.migrate;

/**
 * Base class of every exception Slipway throws. Each subclass carries the facts a user needs as fields and
 * a message that says what happened and what to do.
 */
public class SlipwayException extends RuntimeException {

    public SlipwayException(String message) {
        super(message);
    }

    public SlipwayException(String message, Throwable cause) {
        super(message, cause);
    }
}
