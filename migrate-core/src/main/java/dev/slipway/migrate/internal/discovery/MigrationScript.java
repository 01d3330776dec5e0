package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.internal.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration as read from its file: identity, directives, checksum and statements. Everything in it has
 * been checked; {@link MigrationLoader} creates it.
 *
 * @param version the version from the folder or file name; null for a repeatable migration
 * @param name the name after the version: the folder's {@code <name>}, or a Flyway file's description with
 *     its underscores kept ({@code V2__add_users.sql} is named {@code add_users})
 * @param source the file as a location: {@code classpath:db/migrations/20240101000000_init/migration.sql}
 *     or {@code filesystem:/abs/path/V1__init.sql}
 * @param phase from {@code -- slipway:phase}; {@link MigrationPhase#EXPAND} by default
 * @param transactionMode from {@code -- slipway:transaction}; {@link TransactionMode#AUTO} by default
 * @param transactional whether the migration runs in one transaction, {@code transactionMode} resolved
 *     against the statements
 * @param requiredBackfills backfills that must be complete before this (contract) migration runs
 * @param lockTimeout {@code -- slipway:lock-timeout}, if given
 * @param statementTimeout {@code -- slipway:statement-timeout}, if given
 * @param allowances accepted linter findings, in file order
 * @param checksum lower-case hex SHA-256 of the file's text with a UTF-8 BOM removed and line endings
 *     normalised to LF
 * @param statements the statements; empty for a migration with only comments (or nothing), which applies as a
 *     no-op and is recorded
 * @param downSource the location of the folder's {@code down.sql}, if there is one
 */
public record MigrationScript(
        MigrationVersion version,
        String name,
        String source,
        MigrationPhase phase,
        TransactionMode transactionMode,
        boolean transactional,
        List<String> requiredBackfills,
        Optional<Duration> lockTimeout,
        Optional<Duration> statementTimeout,
        List<Allowance> allowances,
        String checksum,
        List<SqlStatement> statements,
        Optional<String> downSource) {

    public MigrationScript {
        Objects.requireNonNull(name, "'name' must not be null");
        Objects.requireNonNull(source, "'source' must not be null");
        Objects.requireNonNull(phase, "'phase' must not be null");
        Objects.requireNonNull(transactionMode, "'transactionMode' must not be null");
        requiredBackfills =
                List.copyOf(Objects.requireNonNull(requiredBackfills, "'requiredBackfills' must not be null"));
        Objects.requireNonNull(lockTimeout, "'lockTimeout' must not be null");
        Objects.requireNonNull(statementTimeout, "'statementTimeout' must not be null");
        allowances = List.copyOf(Objects.requireNonNull(allowances, "'allowances' must not be null"));
        Objects.requireNonNull(checksum, "'checksum' must not be null");
        statements = List.copyOf(Objects.requireNonNull(statements, "'statements' must not be null"));
        Objects.requireNonNull(downSource, "'downSource' must not be null");
        if (transactionMode == TransactionMode.ON && !transactional
                || transactionMode == TransactionMode.OFF && transactional) {
            throw new IllegalArgumentException(
                    "'transactional' must agree with transaction mode " + transactionMode.id());
        }
    }

    /**
     * {@code version + "_" + name}, e.g. {@code 20240101000000_add_display_name} or {@code 2.1_add_users}; for a
     * repeatable migration {@code R__} + name, e.g. {@code R__users_view}.
     */
    public String id() {
        return version == null ? "R__" + name : version + "_" + name;
    }

    /** Whether this is a repeatable migration ({@code R__<description>.sql}): no version, applied whenever it changed. */
    public boolean repeatable() {
        return version == null;
    }

    /** Whether an {@code -- slipway:allow} accepts the given linter rule for the given 1-based statement. */
    public boolean allows(String rule, int statementNumber) {
        return allowances.stream().anyMatch(allowance -> allowance.allows(rule, statementNumber));
    }

    @Override
    public String toString() {
        return id();
    }
}
