package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.internal.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration folder's {@code down.sql} as read for a rollback: its statements and the directives that apply to
 * it. Everything in it has been checked; {@link MigrationLoader#readDown} creates it.
 *
 * @param source the file as a location, e.g. {@code classpath:db/migrations/20240101000000_init/down.sql}
 * @param transactionMode from {@code -- slipway:transaction}; {@link TransactionMode#AUTO} by default
 * @param transactional whether the file runs in one transaction, {@code transactionMode} resolved against the
 *     statements
 * @param lockTimeout {@code -- slipway:lock-timeout}, if given
 * @param statementTimeout {@code -- slipway:statement-timeout}, if given
 * @param statements the statements, never empty
 */
public record DownScript(
        String source,
        TransactionMode transactionMode,
        boolean transactional,
        Optional<Duration> lockTimeout,
        Optional<Duration> statementTimeout,
        List<SqlStatement> statements) {

    public DownScript {
        Objects.requireNonNull(source, "'source' must not be null");
        Objects.requireNonNull(transactionMode, "'transactionMode' must not be null");
        Objects.requireNonNull(lockTimeout, "'lockTimeout' must not be null");
        Objects.requireNonNull(statementTimeout, "'statementTimeout' must not be null");
        statements = List.copyOf(Objects.requireNonNull(statements, "'statements' must not be null"));
    }
}
