package dev.slipway.migrate.backfill;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;

/** An operation (pause, resume, retry) that the backfill's current state does not allow. */
public class BackfillStateException extends SlipwayException {

    private final String backfill;
    private final BackfillState state;

    /**
     * @param backfill the backfill's name
     * @param state its current state
     * @param description what was refused, and the state that refused it
     * @param action what to do instead
     */
    public BackfillStateException(String backfill, BackfillState state, String description, Action action) {
        super(SlipwayError.BACKFILL_STATE, description, action);
        this.backfill = backfill;
        this.state = state;
    }

    /** @return the backfill's name */
    public String backfill() {
        return backfill;
    }

    /** @return the state that refused the operation */
    public BackfillState state() {
        return state;
    }
}
