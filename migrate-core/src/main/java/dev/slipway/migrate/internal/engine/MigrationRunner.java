package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.MigrationDataLossException;
import dev.slipway.migrate.MigrationFailedException;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.dataloss.DataLossGuard;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.history.HistoryRow;
import dev.slipway.migrate.internal.history.HistoryTable;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.lock.Lease;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.LargeStatements;
import dev.slipway.migrate.internal.postgres.ServerError;
import dev.slipway.migrate.internal.postgres.SessionNetworkTimeout;
import dev.slipway.migrate.internal.postgres.SessionSettings;
import dev.slipway.migrate.internal.sql.ConcurrentIndexBuild;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.SqlStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one migration on the migration connection (which holds the migration lock).
 *
 * <p>Transactional migration:
 * <ol>
 *   <li>Set {@code lock_timeout} / {@code statement_timeout}, open a transaction, run every statement, insert
 *       the history row, commit: a crash at any point leaves all of it or none of it. Right before each statement,
 *       {@link DataLossGuard} checks it against the data as the statements before it left it.</li>
 *   <li>On {@code lock_not_available} or a deadlock: roll back, sleep a back-off with full jitter, run the
 *       whole migration again, until the retry budget is spent.</li>
 *   <li>On any other error, or a data-loss refusal: roll back, record the failed attempt (with the error in
 *       {@code logs}) in its own transaction, and throw; the next start simply tries again.</li>
 * </ol>
 * Non-transactional migration (autocommit, statement by statement):
 * <ol>
 *   <li>Insert the attempt row first (or continue the unfinished attempt found in history).</li>
 *   <li>Before a {@code CREATE INDEX CONCURRENTLY}, look the index up: an INVALID one left by a failed or
 *       timed-out build is dropped ({@code DROP INDEX CONCURRENTLY}); a valid one found when resuming at this
 *       very statement means the build finished before the crash, so the statement is skipped. Without an index
 *       name, resuming at it looks the index up by its definition ({@link Resumption}).</li>
 *   <li>Check the statement against the data ({@link DataLossGuard}), run it, retrying both alone on lock
 *       conflicts; after it, record {@code applied_steps}.</li>
 *   <li>On failure or a data-loss refusal, record the error and the steps done, and throw; the next run resumes at the failed
 *       statement. At the end, mark the row finished.</li>
 * </ol>
 * <p>Fencing: every transaction above first checks that the migration lock's lease still carries the token this runner
 * took ({@link Lease#check}, which keeps the lease row share-locked until the commit), and the non-transactional way
 * checks before each statement and records its steps only while the lease holds; when another runner took the lock
 * meanwhile (it leaked), the run stops there with {@link dev.slipway.migrate.internal.lock.LeaseLostException}.
 *
 * <p>While a migration runs, the session's network timeout is its {@code statement_timeout} plus a margin
 * ({@link SessionNetworkTimeout}), so a connection gone silent fails it; a lost connection is reported as such
 * ({@link Failures#connectionLost}).
 *
 * <p>A repeatable migration ({@code R__<description>.sql}) runs the same way, transactional or not, with rows of version
 * {@link HistoryRow#REPEATABLE} (one per apply); a non-transactional one that failed or was interrupted is not resumed:
 * it runs again from its first statement, in a new attempt, as a repeatable migration runs again whenever it changed.
 */
final class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    private final Connection connection;
    private final SessionSettings settings;
    private final HistoryTable history;
    private final SlipwayConfig config;
    private final Listeners listeners;
    private final MigrationPlanner planner;
    private final LockConflictRetry lockRetry;
    private final String appliedBy;
    private DataLossGuard dataLoss;
    private FleetCheck fleetCheck;
    private Lease lease;

    /**
     * A last check of a contract migration's fleet condition, made inside the migration's own transaction before
     * its first statement (see {@link MigrationEngine#contract()}).
     */
    @FunctionalInterface
    interface FleetCheck {

        /** Null when the migration may run; otherwise why it must wait. */
        String reasonToWait(Connection connection, MigrationScript script) throws SQLException;
    }

    MigrationRunner(
            Connection connection,
            SessionSettings settings,
            HistoryTable history,
            SlipwayConfig config,
            Listeners listeners,
            MigrationPlanner planner,
            String appliedBy) {
        this.connection = connection;
        this.settings = settings;
        this.history = history;
        this.config = config;
        this.listeners = listeners;
        this.planner = planner;
        this.lockRetry = new LockConflictRetry(config, listeners);
        this.appliedBy = appliedBy;
        this.dataLoss = new DataLossGuard(connection);
    }

    /**
     * Gives the data-loss checks the catalog as it was before the run's first migration, so that they let go of the
     * rows and values the run wrote itself (see {@link DataLossGuard}).
     */
    MigrationRunner before(dev.slipway.migrate.internal.postgres.RunSnapshot snapshot) {
        this.dataLoss = new DataLossGuard(connection, snapshot);
        return this;
    }

    /** The lease taken with the migration lock: each migration's transaction checks that it still holds it. */
    MigrationRunner lease(Lease lease) {
        this.lease = lease;
        return this;
    }

    /** Sets the check that a contract migration makes in its transaction before its first statement. */
    MigrationRunner fleetCheck(FleetCheck check) {
        this.fleetCheck = check;
        return this;
    }

    /**
     * Runs the migration of the entry and returns its new, applied state; null when the {@link #fleetCheck} found,
     * in the migration's transaction, that it must wait after all (nothing ran).
     */
    MigrationInfo run(Entry entry) throws SQLException {
        MigrationScript script = entry.script();
        listeners.migrationStarted(entry.info());
        Duration statementTimeout = script.statementTimeout().orElse(config.ddlStatementTimeout());
        settings.timeouts(script.lockTimeout().orElse(config.ddlLockTimeout()), statementTimeout);
        long start = System.nanoTime();
        MigrationInfo applied;
        try (SessionNetworkTimeout network = SessionNetworkTimeout.bound(connection, statementTimeout)) {
            applied = script.transactional()
                    ? runTransactional(entry.info(), script, start)
                    : runStatementByStatement(entry, start);
            if (applied == null) {
                return null;
            }
        } catch (MigrationFailedException e) {
            listeners.migrationFailed(planner.info(script, entry.latest(), MigrationState.PENDING, e.getMessage()), e);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.info(
                "Applied migration {} ({}, {}, {} statement{}) in {} ms",
                script.id(),
                script.repeatable() ? "repeatable" : script.phase().id(),
                script.transactional() ? "in a transaction" : "statement by statement",
                script.statements().size(),
                script.statements().size() == 1 ? "" : "s",
                took.toMillis());
        listeners.migrationApplied(applied, took);
        return applied;
    }

    private MigrationInfo runTransactional(MigrationInfo info, MigrationScript script, long start) throws SQLException {
        HistoryTable.Attempt attempt = attempt(script, UUID.randomUUID());
        LockRetries retries = new LockRetries();
        while (true) {
            long attemptStart = System.nanoTime();
            SqlStatement current = null;
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setEscapeProcessing(false);
                lease.check(connection, "migration " + script.id());
                if (mustWait(script)) {
                    Transactions.rollbackQuietly(connection);
                    return null;
                }
                for (SqlStatement sql : script.statements()) {
                    current = sql;
                    listeners.statementStarted(
                            info, script.source(), sql, script.statements().size(), true, false);
                    dataLoss.check(script, sql, 0);
                    LargeStatements.execute(statement, sql.sql());
                }
                current = null;
                long ms = millisSince(attemptStart);
                history.insert(
                        connection, attempt, 0, true, null, script.statements().size(), ms);
                connection.commit();
                connection.setAutoCommit(true);
                return applied(script, attempt, ms);
            } catch (MigrationDataLossException refusal) {
                Transactions.rollbackQuietly(connection);
                recordFailedAttempt(script, refusal, millisSince(attemptStart));
                throw refusal;
            } catch (SlipwayException e) {
                Transactions.rollbackQuietly(connection); // the lease lost, or a second success refused
                throw e;
            } catch (SQLException e) {
                Transactions.rollbackQuietly(connection);
                if (current != null && shouldRetry(e, retries, script, current)) {
                    continue;
                }
                MigrationFailedException failure = Failures.statementFailed(script, current, e, 0, retries);
                recordFailedAttempt(script, failure, millisSince(attemptStart));
                throw failure;
            }
        }
    }

    private MigrationInfo runStatementByStatement(Entry entry, long start) throws SQLException {
        MigrationScript script = entry.script();
        HistoryRow previous = entry.resumes() ? entry.latest() : null;
        HistoryTable.Attempt attempt = attempt(script, previous == null ? UUID.randomUUID() : previous.id());
        if (previous == null && fleetCheck != null) {
            // Outside a transaction the check cannot hold the registry until the last statement: check once, in a
            // transaction of its own, right before the first statement.
            connection.setAutoCommit(false);
            boolean wait;
            try {
                wait = mustWait(script);
            } finally {
                Transactions.rollbackQuietly(connection);
            }
            if (wait) {
                return null;
            }
        }
        int done = 0;
        if (previous == null) {
            connection.setAutoCommit(false);
            try {
                lease.check(connection, "migration " + script.id());
                history.insert(connection, attempt, 0, false, null, 0, null);
                connection.commit();
            } finally {
                Transactions.rollbackQuietly(connection);
            }
        } else {
            done = previous.appliedSteps();
            log.info(
                    "Resuming migration {} at statement {} of {}",
                    script.id(),
                    done + 1,
                    script.statements().size());
        }
        boolean resumingHere = previous != null;
        LockRetries retries = new LockRetries();
        while (done < script.statements().size()) {
            SqlStatement sql = script.statements().get(done);
            Optional<String> unnamedBuildTable = unnamedIndexBuildTable(sql);
            Set<Long> indexesBefore =
                    unnamedBuildTable.isPresent() ? Catalog.indexOids(connection, unnamedBuildTable.get()) : Set.of();
            try {
                lease.check(
                        connection,
                        "statement " + sql.number() + " (line " + sql.line() + ") of migration " + script.id());
                listeners.statementStarted(
                        entry.info(), script.source(), sql, script.statements().size(), false, false);
                if (!prepareIndexBuild(script, sql, resumingHere)) {
                    dataLoss.check(script, sql, done);
                    Jdbc.executeLarge(connection, sql.sql());
                }
                done++;
                resumingHere = false;
                retries = new LockRetries();
                if (!history.recordStep(connection, attempt.id(), done, lease)) {
                    throw lease.lost(
                            connection,
                            "recording that statement " + sql.number() + " of migration " + script.id() + " ran");
                }
            } catch (MigrationDataLossException refusal) {
                recordFailure(attempt, done, refusal);
                throw refusal;
            } catch (SQLException e) {
                if (unnamedBuildTable.isPresent() && !ServerError.isConnectionLost(e)) {
                    dropInvalidIndexesLeftBy(script, sql, unnamedBuildTable.get(), indexesBefore, e);
                }
                if (shouldRetry(e, retries, script, sql)) {
                    continue;
                }
                MigrationFailedException failure = Failures.statementFailed(script, sql, e, done, retries);
                recordFailure(attempt, done, failure);
                throw failure;
            }
        }
        long ms = millisSince(start);
        if (!history.recordFinished(
                connection, attempt.id(), script.id(), done, script.checksum(), ms, appliedBy, lease)) {
            throw lease.lost(connection, "recording migration " + script.id() + " as applied (its statements ran)");
        }
        return applied(script, attempt, ms);
    }

    /**
     * Whether the {@link #fleetCheck} says the migration must wait after all. A lock conflict on the registry (an
     * instance registering right now) also means waiting: the next {@code contract()} checks again.
     */
    private boolean mustWait(MigrationScript script) throws SQLException {
        if (fleetCheck == null) {
            return false;
        }
        String reason;
        try {
            reason = fleetCheck.reasonToWait(connection, script);
        } catch (SQLException e) {
            if (!dev.slipway.migrate.internal.postgres.SqlStates.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw e;
            }
            reason = "an instance is registering in the instance registry right now";
        }
        if (reason == null) {
            return false;
        }
        log.info("Contract migration {} waits after all: {}", script.id(), reason);
        return true;
    }

    /**
     * The table of a {@code CREATE INDEX CONCURRENTLY} without an index name. When such a build fails, the INVALID
     * index it leaves has a name PostgreSQL chose, which a later run could not tell from the user's own indexes,
     * so it is dropped right away: the one index of the table that is INVALID and was not there before.
     */
    private static Optional<String> unnamedIndexBuildTable(SqlStatement sql) {
        return SqlStatements.concurrentIndexBuild(sql.sql()).isPresent()
                ? Optional.empty()
                : SqlStatements.concurrentIndexTable(sql.sql());
    }

    private void dropInvalidIndexesLeftBy(
            MigrationScript script, SqlStatement sql, String table, Set<Long> before, SQLException failure) {
        try {
            for (String index : Catalog.invalidIndexesBesides(connection, table, before)) {
                log.warn(
                        "Migration {}: dropping INVALID index {} left by the failed build of statement {} (line {})",
                        script.id(),
                        index,
                        sql.number(),
                        sql.line());
                Jdbc.execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + index);
            }
        } catch (SQLException dropFailure) {
            failure.addSuppressed(dropFailure);
        }
    }

    /**
     * Gets a {@code CREATE INDEX CONCURRENTLY} ready to run: drops an INVALID index of that name left by an
     * earlier build (without a name, when resuming at it: the one INVALID index with its definition). Returns true
     * when the statement must be skipped because, resuming at it, the index is found complete.
     */
    private boolean prepareIndexBuild(MigrationScript script, SqlStatement sql, boolean resumingHere)
            throws SQLException {
        Optional<ConcurrentIndexBuild> build = SqlStatements.concurrentIndexBuild(sql.sql());
        if (build.isEmpty()) {
            return resumingHere
                    && Resumption.isUnnamedIndexBuild(sql)
                    && Resumption.prepareUnnamedBuild(connection, history.schema(), script, sql);
        }
        String table = build.get().table();
        String index = build.get().indexName();
        switch (Catalog.indexState(connection, table, index)) {
            case VALID:
                if (resumingHere) {
                    log.info(
                            "Migration {}: index {} from statement {} was built before the interruption; "
                                    + "continuing after it",
                            script.id(),
                            index,
                            sql.number());
                    return true;
                }
                return false;
            case INVALID:
                Transactions.dropInvalidIndex(
                        connection,
                        build.get(),
                        qualified -> log.warn(
                                "Migration {}: dropping"
                                        + " INVALID index {} left by an earlier failed build of statement {} (line {}) before building"
                                        + " it again",
                                script.id(),
                                qualified,
                                sql.number(),
                                sql.line()));
                return false;
            default:
                return false;
        }
    }

    private boolean shouldRetry(SQLException e, LockRetries retries, MigrationScript script, SqlStatement sql) {
        return lockRetry.shouldRetry(
                e,
                retries,
                "Migration " + script.id(),
                script.repeatable() ? null : script.version().toString(),
                script.name(),
                sql);
    }

    private void recordFailure(HistoryTable.Attempt attempt, int done, MigrationFailedException failure) {
        try {
            history.recordFailure(connection, attempt.id(), done, failure.getMessage(), lease);
        } catch (SQLException recordError) {
            failure.addSuppressed(recordError);
        }
    }

    private void recordFailedAttempt(MigrationScript script, MigrationFailedException failure, long ms) {
        try {
            connection.setAutoCommit(false);
            lease.check(connection, "recording the failure of migration " + script.id());
            history.insert(connection, attempt(script, UUID.randomUUID()), ms, false, failure.getMessage(), 0, ms);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        } finally {
            Transactions.rollbackQuietly(connection);
        }
    }

    private HistoryTable.Attempt attempt(MigrationScript script, UUID id) {
        return new HistoryTable.Attempt(
                id,
                script.repeatable() ? HistoryRow.REPEATABLE : script.version().toString(),
                script.name(),
                script.checksum(),
                script.phase().id(),
                appliedBy);
    }

    private MigrationInfo applied(MigrationScript script, HistoryTable.Attempt attempt, long ms) {
        Instant now = Instant.now();
        HistoryRow row = new HistoryRow(
                attempt.id(),
                attempt.version(),
                attempt.name(),
                script.checksum(),
                attempt.phase(),
                now.minusMillis(ms),
                now,
                null,
                null,
                script.statements().size(),
                ms,
                appliedBy,
                null);
        return planner.info(script, row, MigrationState.APPLIED, null);
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }
}
