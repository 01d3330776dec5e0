package dev.slipway.migrate.autoconfigure.actuate;

/**
 * The overall state of the migrations of one schema, as the {@code slipway} endpoint reports it. When several
 * apply, the first in this list wins: a schema with a failed and a pending migration is {@link #FAILED}.
 */
public enum SlipwayState {

    /** A non-transactional migration stopped part-way where resuming is not known to be safe: resolve it. */
    FAILED,

    /**
     * Files and history disagree: an applied migration was modified, or its file is missing (unless
     * {@code slipway.validate.ignore-missing} is set), or a contract migration was applied by a newer version of the
     * application (this older version must not serve after it). The next start fails until this is fixed. Expand
     * migrations applied by a newer version ({@code FUTURE}) are no disagreement.
     */
    INVALID,

    /** Some migrations are pending or rolled back: the next migration run applies them. */
    PENDING,

    /** Nothing is pending but contract migrations whose conditions do not hold yet. */
    AWAITING,

    /**
     * Every migration is applied: each one this instance ships, and any expand migration applied by a newer version
     * of the application ({@code FUTURE}), as an older instance sees it during a rolling release.
     */
    UP_TO_DATE
}
