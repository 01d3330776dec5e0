package dev.slipway.migrate;

/** When a migration runs in the expand → backfill → contract cycle. */
public enum MigrationPhase {
    /** Additive, backward-compatible DDL, applied at startup before the application uses the database. */
    EXPAND,
    /** Destructive DDL, applied once the backfills it needs are complete and no old instance is running. */
    CONTRACT;

    /** The lower-case name used in directives and in the history table. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
