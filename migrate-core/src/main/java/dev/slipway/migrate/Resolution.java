package dev.slipway.migrate;

/** How {@link Slipway#resolve(String, Resolution)} settles a failed migration, or a pending one never attempted. */
public enum Resolution {
    /**
     * The migration's changes were completed (or, for one never attempted, made) by hand: record it as applied.
     */
    APPLIED,
    /** The migration's partial changes were undone by hand: record it as rolled back so that it runs again. */
    ROLLED_BACK
}
