package dev.slipway.migrate.internal.lock;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;

/**
 * A runner that believed it held a lock found, in the transaction about to change something, that another runner
 * took the lock's lease after it: the advisory lock leaked. Nothing more was applied.
 */
public final class LeaseLostException extends SlipwayException {

    private final long heldToken;
    private final Long currentToken;

    LeaseLostException(String work, String lock, long heldToken, Long currentToken) {
        super(
                SlipwayError.TRANSACTION_POOLER,
                "Stopped before " + work + ": another runner took the lock of " + lock + " while this one believed it "
                        + "held it, so nothing more was applied by this runner.\n"
                        + "-> fencing token held by this runner: " + heldToken + "\n"
                        + "-> fencing token in " + Lease.TABLE + " now:   "
                        + (currentToken == null ? "none (the row is gone)" : currentToken) + "\n"
                        + "The session advisory lock did not keep the other runner out: it leaked, most likely through a "
                        + "transaction-pooling proxy (PgBouncer with pool_mode=transaction) that hands one server session to "
                        + "many clients. What the other runner applied is recorded in the history as usual.",
                Action.of(
                        "Give Slipway a direct connection to PostgreSQL ({}), or a pool in session mode, then "
                                + "migrate again.",
                        Setting.DATASOURCE_URL));
        this.heldToken = heldToken;
        this.currentToken = currentToken;
    }

    /** The token this runner took with the lock. */
    public long getHeldToken() {
        return heldToken;
    }

    /** The token in the lease table when the check failed; null when the row was gone. */
    public Long getCurrentToken() {
        return currentToken;
    }
}
