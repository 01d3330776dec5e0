package dev.slipway.maven.entities;

/** The entities could not be exported; the message names what to look at and what to do. */
public final class EntitiesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EntitiesException(String message) {
        super(message);
    }

    EntitiesException(String message, Throwable cause) {
        super(message, cause);
    }
}
