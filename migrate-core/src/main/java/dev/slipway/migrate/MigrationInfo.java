package dev.slipway.migrate;

import java.time.Instant;

/**
 * One migration as Slipway sees it: its file (if any) and its latest row in the history table (if any). A repeatable
 * migration keeps one row per apply; its times and {@code appliedBy} are those of its latest apply, or of a failed
 * attempt since.
 *
 * @param version the version, as written in the file name ({@code 20240101000000}, {@code 2.1}); null for a
 *     repeatable migration ({@code R__<description>.sql})
 * @param name the name ({@code add_display_name}); for Flyway files the description
 * @param phase expand or contract
 * @param state the state derived from file and history
 * @param checksum the SHA-256 of the file now, or null when the file is missing
 * @param appliedChecksum the SHA-256 recorded when the migration was applied, or null; for a repeatable migration,
 *     that of its latest successful apply (a pending one whose file changed shows both checksums)
 * @param source the file, as a location, or null when missing
 * @param transactional whether the migration runs in one transaction
 * @param statementCount how many statements the file holds (0 when missing)
 * @param appliedSteps statements of a non-transactional migration already done
 * @param startedAt when the latest attempt started, or null
 * @param finishedAt when it finished, or null
 * @param rolledBackAt when it was marked rolled back, or null
 * @param executionMs how long it took, or null
 * @param appliedBy the instance that ran it (host, pid, application), or null
 * @param error the error of the latest failed attempt, or null
 * @param awaitingReason for a migration in state {@link MigrationState#AWAITING}, what it waits for, in words a
 *     person can act on (a backfill that is not complete, an instance still running an older version, an earlier
 *     migration not applied yet); null in every other state
 */
public record MigrationInfo(
        String version,
        String name,
        MigrationPhase phase,
        MigrationState state,
        String checksum,
        String appliedChecksum,
        String source,
        boolean transactional,
        int statementCount,
        int appliedSteps,
        Instant startedAt,
        Instant finishedAt,
        Instant rolledBackAt,
        Long executionMs,
        String appliedBy,
        String error,
        String awaitingReason) {

    /**
     * A migration that waits for nothing: every component but {@link #awaitingReason()}, which is null.
     */
    public MigrationInfo(
            String version,
            String name,
            MigrationPhase phase,
            MigrationState state,
            String checksum,
            String appliedChecksum,
            String source,
            boolean transactional,
            int statementCount,
            int appliedSteps,
            Instant startedAt,
            Instant finishedAt,
            Instant rolledBackAt,
            Long executionMs,
            String appliedBy,
            String error) {
        this(
                version,
                name,
                phase,
                state,
                checksum,
                appliedChecksum,
                source,
                transactional,
                statementCount,
                appliedSteps,
                startedAt,
                finishedAt,
                rolledBackAt,
                executionMs,
                appliedBy,
                error,
                null);
    }

    /** {@code <version>_<name>}, as in the folder name; {@code R__<name>} for a repeatable migration. */
    public String id() {
        return version == null ? "R__" + name : version + "_" + name;
    }

    /** Whether this is a repeatable migration ({@code R__<description>.sql}): it has no version. */
    public boolean repeatable() {
        return version == null;
    }
}
