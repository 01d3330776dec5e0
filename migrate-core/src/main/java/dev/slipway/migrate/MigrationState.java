package dev.slipway.migrate;

/** The state of one migration, derived from its file and its rows in the history table. */
public enum MigrationState {
    /** Finished. */
    APPLIED,
    /**
     * On disk, not applied yet (possibly after a failed attempt that left nothing behind; see {@link MigrationInfo#error()}).
     * A repeatable migration is pending when it is new, or changed since its latest apply: then
     * {@link MigrationInfo#appliedChecksum()} differs from {@link MigrationInfo#checksum()}.
     */
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
    /** Applied, but the file's checksum has changed since. Never a repeatable migration: a changed one is {@link #PENDING}. */
    MODIFIED,
    /**
     * Applied, at or below the newest migration this instance ships, but its file is gone: deleted, or renamed (the
     * same version on disk under another name). Validation fails, and so does {@code migrate()}, unless missing
     * migrations are ignored ({@link SlipwayConfig#ignoreMissing()}). When this instance ships no migration at all,
     * every applied one is {@code MISSING} rather than {@link #FUTURE}: an application without migrations is not an
     * older release of one that has them, and its locations are more likely wrong.
     *
     * <p>A repeatable migration ({@code R__<description>.sql}) applied but without a file is {@code MISSING} too, but
     * it is never a problem, whatever {@link SlipwayConfig#ignoreMissing()} says: removing a repeatable migration (a
     * view no longer wanted) is an ordinary change, and during a rolling release an older instance does not ship the
     * repeatable migrations that a newer one added. Validation passes, the instance stays healthy, and nothing of it
     * runs again; what it created stays until a migration drops it.
     */
    MISSING,
    /**
     * Applied, and newer than the newest migration this instance ships: a newer version of the application applied
     * it while this older one still runs, during a rolling release, or before this one was rolled back to. An
     * expand migration in this state is not a problem: validation passes, {@code migrate()} and {@code contract()}
     * leave it alone, and the instance stays healthy.
     *
     * <p>A contract migration applied by a newer version is {@code FUTURE} too, but it is a validation problem: it
     * applied only once no instance of an older version was running, and it removed what the older code may use,
     * so an older version must not start (or keep serving) after it.
     */
    FUTURE,
    /**
     * Recorded as applied without Slipway running it: by a baseline of a schema built without history, or imported
     * from another tool's history (Flyway's {@code flyway_schema_history}, Prisma's {@code _prisma_migrations}).
     * {@link MigrationInfo#appliedBy()} names the source. Counts as applied everywhere; a file changed since is
     * {@link #MODIFIED}, as for any applied migration.
     */
    BASELINE
}
