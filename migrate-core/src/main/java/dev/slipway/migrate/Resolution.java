package dev.slipway.migrate;

/** How {@link Slipway#resolve(String, Resolution)} settles a failed migration. */
public enum Resolution {
    /** The migration's changes were completed by hand: record it as applied. */
    APPLIED,
    /** The migration's partial changes were undone by hand: record it as rolled back so that it runs again. */
    ROLLED_BACK
}
