package dev.slipway.migrate;

/**
 * What {@link Slipway#migrate()} does on a schema that has no Slipway history yet but another tool's history
 * (Flyway's {@code flyway_schema_history}, Prisma's {@code _prisma_migrations}): the {@code slipway.adopt} property.
 */
public enum AdoptMode {
    /** Import the other tool's history as {@link MigrationState#BASELINE} rows, once, all or nothing. */
    AUTO,
    /** Import nothing: the schema is treated as one built without history (a baseline is needed). */
    OFF;

    /** The lower-case name used in configuration: {@code auto}, {@code off}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
