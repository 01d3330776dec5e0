package dev.slipway.migrate.schema;

/**
 * What a planned statement may do to a live database, so a person can judge it before it runs (after stripe's
 * pg-schema-diff). A step carries every hazard that applies; the safe forms Slipway emits carry fewer.
 */
public enum Hazard {
    /** Takes an ACCESS EXCLUSIVE lock: every read and write of the table waits while it runs (briefly, if it is fast). */
    ACQUIRES_ACCESS_EXCLUSIVE_LOCK("takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait"),
    /** Takes a SHARE ROW EXCLUSIVE lock (e.g. adding a foreign key or a trigger): writes wait. */
    ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK("takes a SHARE ROW EXCLUSIVE lock: writes to the table wait"),
    /** Takes a SHARE lock (a plain {@code CREATE INDEX}): writes wait for the whole build. */
    ACQUIRES_SHARE_LOCK("takes a SHARE lock: writes to the table wait for the whole build"),
    /** Rewrites the whole table (a type change that is not binary-coercible, a volatile default). */
    REWRITES_TABLE("rewrites the whole table under its lock"),
    /** Scans the whole table (validating a constraint, setting NOT NULL without a validated check). */
    SCANS_TABLE("reads the whole table"),
    /** Builds an index: time and I/O in proportion to the table. */
    INDEX_BUILD("builds an index: time and I/O in proportion to the table"),
    /** Drops an index that queries may be using. */
    INDEX_DROPPED("drops an index: queries that used it may become slow"),
    /** Deletes data: a dropped table, column, sequence or enum label, or a type change that may lose precision. */
    DELETES_DATA("deletes data"),
    /** Breaks code that runs against the old schema (a dropped or renamed column or table): contract phase. */
    BREAKS_OLD_CODE("breaks code written for the old schema: run it once no old instance is left"),
    /** A function or procedure body: PostgreSQL does not track what it uses, so its order is a best guess. */
    UNTRACKED_DEPENDENCIES("changes a body PostgreSQL does not track dependencies of");

    private final String description;

    Hazard(String description) {
        this.description = description;
    }

    /** What it means, in a few words, for plan listings. */
    public String description() {
        return description;
    }
}
