package dev.slipway.migrate.backfill;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;

/** An operation named a backfill that {@code slipway_backfills} does not know. */
public class NoSuchBackfillException extends SlipwayException {

    private final String backfill;

    /**
     * @param backfill the name asked for
     * @param known the names that exist, for the message
     */
    public NoSuchBackfillException(String backfill, java.util.List<String> known) {
        super(
                SlipwayError.BACKFILL_NOT_FOUND,
                "No backfill named '" + backfill + "' has run yet. Known backfills: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ".",
                Action.text("Check the name; a backfill is recorded when an instance first starts it."));
        this.backfill = backfill;
    }

    /** @return the name asked for */
    public String backfill() {
        return backfill;
    }
}
