package dev.slipway.migrate.internal.adopt;

import java.time.Instant;

/**
 * One row of Flyway's history table ({@code flyway_schema_history}), as Flyway writes it.
 *
 * @param rank {@code installed_rank}: the order in which Flyway wrote the rows
 * @param version the version as Flyway writes it ({@code 1.1}), or null for a repeatable migration
 * @param description the file's description with underscores shown as spaces, or a marker such as
 *     {@code << Flyway Baseline >>}
 * @param type {@code SQL}, {@code JDBC}, {@code SPRING_JDBC}, {@code BASELINE}, {@code SCHEMA}, {@code DELETE},
 *     {@code UNDO_SQL}, ...
 * @param script the file (relative to its location) or Java class Flyway ran
 * @param checksum Flyway's CRC-32 of the file ({@link FlywayChecksum}), or null (Java migrations, markers)
 * @param installedBy the database user that ran it
 * @param installedOn when Flyway recorded it
 * @param executionTime how long it took, in milliseconds
 * @param success false when it failed (Flyway records a failure only where the migration could not be rolled back)
 */
record FlywayRow(
        int rank,
        String version,
        String description,
        String type,
        String script,
        Integer checksum,
        String installedBy,
        Instant installedOn,
        Integer executionTime,
        boolean success) {

    /** {@code << Flyway Schema Creation >>}: Flyway created the schema; nothing to import. */
    boolean isSchemaCreation() {
        return "SCHEMA".equals(type);
    }

    /** {@code flyway baseline} or {@code baselineOnMigrate}: every migration up to this version counts as applied. */
    boolean isBaseline() {
        return "BASELINE".equals(type);
    }

    /**
     * A row that takes its version back: {@code DELETE} ({@code flyway repair} marked a missing migration deleted) or
     * an undo ({@code UNDO_SQL} and the like). After it, the version is not applied.
     */
    boolean isRemoval() {
        return "DELETE".equals(type) || (type != null && type.startsWith("UNDO_"));
    }

    /** A SQL file, which Slipway can check and run. Everything else (Java, scripts) has no SQL file. */
    boolean isSql() {
        return "SQL".equals(type);
    }
}
