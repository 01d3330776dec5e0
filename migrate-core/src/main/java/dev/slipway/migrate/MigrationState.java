package dev.slipway.migrate;

/** The state of one migration, derived from its file and its rows in the history table. */
public enum MigrationState {
    /** Finished. */
    APPLIED,
    /** On disk, not applied yet (possibly after a failed attempt that left nothing behind; see {@link MigrationInfo#error()}). */
    PENDING,
    /** A pending contract migration whose conditions do not hold yet. */
    AWAITING,
    /** A non-transactional migration that stopped part-way where resuming is not known to be safe: resolve it. */
    FAILED,
    /**
     * Rolled back by {@link Slipway#rollback} (its {@code down.sql} ran), or marked rolled back by {@code resolve};
     * runs again on the next {@code migrate()} ({@code contract()} for a contract migration).
     */
    ROLLED_BACK,
    /** Applied, but the file's checksum has changed since. */
    MODIFIED,
    /** Applied, but its file is gone. */
    MISSING
}
