package dev.slipway.migrate;

import java.time.Duration;

/** The migration lock stayed taken by another session for longer than {@code lockWaitTimeout}. */
public class LockWaitTimeoutException extends SlipwayException {

    private final LockHolder holder;
    private final Duration waited;
    private final String lockTable;

    public LockWaitTimeoutException(LockHolder holder, Duration waited, String lockTable) {
        super(
                SlipwayError.LOCK_WAIT_TIMEOUT,
                "Gave up waiting for the migration lock of " + lockTable + " after "
                        + waited.toMillis() + " ms.\n"
                        + "-> held by: " + (holder == null ? "a session that has since gone" : holder),
                Action.of(
                        "Another instance is migrating: let it finish, or, if that session is stuck, end it with "
                                + "SELECT pg_terminate_backend(" + (holder == null ? "<pid>" : holder.pid()) + "). "
                                + "To wait longer, raise {}.",
                        Setting.LOCK_WAIT_TIMEOUT));
        this.holder = holder;
        this.waited = waited;
        this.lockTable = lockTable;
    }

    /** The table whose migration lock Slipway waited for, e.g. {@code public.slipway_migrations}. */
    public String getLockTable() {
        return lockTable;
    }

    /** The session that held the lock when Slipway gave up, or null if it could not be seen. */
    public LockHolder getHolder() {
        return holder;
    }

    /** How long Slipway waited. */
    public Duration getWaited() {
        return waited;
    }
}
