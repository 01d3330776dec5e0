package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.ValidationProblem;
import dev.slipway.migrate.internal.discovery.DownScript;
import dev.slipway.migrate.internal.discovery.MigrationLoader;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.discovery.MigrationText;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.discovery.TransactionMode;
import dev.slipway.migrate.internal.history.HistoryRow;
import dev.slipway.migrate.internal.history.HistoryTable;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.lock.Lease;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.SessionSettings;
import dev.slipway.migrate.internal.sql.ConcurrentIndexBuild;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.SqlStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls applied migrations back by running their {@code down.sql}, newest first: a development tool.
 *
 * <ol>
 *   <li>Name the session, take the migration lock (the same advisory lock as {@code migrate()}, so a rollback
 *       and a migration never interleave) and read the history under it.</li>
 *   <li>Check the target: a version on disk or in the history, or {@code 0} for everything.</li>
 *   <li>Refuse, running nothing, while the history has problems ({@code MODIFIED}, {@code MISSING},
 *       {@code FAILED}) or a non-transactional migration stopped part-way: those are settled first.</li>
 *   <li>Pick every applied migration above the target, newest first. Refuse, running nothing, when one of them
 *       has no {@code down.sql}, naming each; then read, split and check every down file, so that a malformed
 *       one stops the rollback before anything runs. A migration with only comments needs no down file: it
 *       changed nothing, and rolling it back only marks its row.</li>
 *   <li>Run each down file with the migration's session timeouts. A transactional one runs in one transaction
 *       together with setting {@code rolled_back_at} on the migration's latest history row; on a lock conflict
 *       the transaction is rolled back and retried with back-off, as migrations are. A down file that cannot
 *       run in a transaction runs statement by statement in autocommit (each statement retried alone on lock
 *       conflicts; an INVALID index left by an earlier failed {@code CREATE INDEX CONCURRENTLY} of the file is
 *       dropped before the build runs again), and the row is marked after its last statement. A failure stops
 *       the rollback there: what was rolled back stays rolled back; a partly run down file is run from its
 *       first statement the next time. Each transaction first checks that the migration lock's lease still carries
 *       this runner's token, and a down file outside a transaction checks before each statement and marks the row in
 *       a transaction that checks it (see {@link MigrationRunner}).</li>
 *   <li>Release the lock and put the session settings back, whatever happened.</li>
 * </ol>
 * Repeatable migrations ({@code R__<description>.sql}) are left alone: they have no version and no down file, and
 * stay applied (a repeatable migration that depends on what a rollback drops must be changed or removed by hand).
 */
final class RollbackRunner {

    private static final Logger log = LoggerFactory.getLogger(RollbackRunner.class);

    /** The target that rolls back every migration. */
    static final String EVERYTHING = "0";

    private final Connection connection;
    private final HistoryTable history;
    private final MigrationPlanner planner;
    private final SlipwayConfig config;
    private final Listeners listeners;
    private final LockConflictRetry lockRetry;
    private Lease lease;

    RollbackRunner(
            Connection connection,
            HistoryTable history,
            MigrationPlanner planner,
            SlipwayConfig config,
            Listeners listeners) {
        this.connection = connection;
        this.history = history;
        this.planner = planner;
        this.config = config;
        this.listeners = listeners;
        this.lockRetry = new LockConflictRetry(config, listeners);
    }

    /** The lease taken with the migration lock: each transaction checks that it still holds it. */
    RollbackRunner lease(Lease lease) {
        this.lease = lease;
        return this;
    }

    /**
     * @param target the version to roll back to, or {@link #EVERYTHING}
     * @param files the migration files, as scanned (their down files are read from them)
     * @param scripts the same migrations, parsed, in the same order
     * @param settings the migration session's settings, prepared by the caller, which holds the migration lock
     * @return the rolled-back migrations in their new state, in the order they were rolled back
     */
    List<MigrationInfo> rollback(
            String target, List<MigrationText> files, List<MigrationScript> scripts, SessionSettings settings)
            throws SQLException {
        List<HistoryRow> rows = history.exists(connection) ? history.readAll(connection) : List.of();
        // Repeatable migrations have no version to roll back to and no down file: they are left as they are.
        List<Entry> entries = planner.plan(scripts, rows, false).stream()
                .filter(e -> !e.info().repeatable())
                .toList();
        MigrationVersion targetVersion = targetVersion(target, entries);
        refuseUnsettled(target, entries);
        List<Entry> toRollBack = entries.stream()
                .filter(e -> e.latest() != null && e.latest().isApplied())
                .filter(e -> MigrationVersion.parse(e.info().version()).compareTo(targetVersion) > 0)
                .sorted(Comparator.comparing(
                                (Entry e) -> MigrationVersion.parse(e.info().version()))
                        .reversed())
                .toList();
        if (toRollBack.isEmpty()) {
            log.info(
                    "Nothing to roll back in schema {}: no applied migration above version {}",
                    history.schema(),
                    target);
            return List.of();
        }
        Map<Entry, DownScript> downs = readDownFiles(target, toRollBack, files);
        log.info(
                "Rolling back schema {} to version {}: {} migration{} to roll back ({})",
                history.schema(),
                target,
                toRollBack.size(),
                toRollBack.size() == 1 ? "" : "s",
                toRollBack.stream().map(e -> e.info().id()).collect(Collectors.joining(", ")));
        List<MigrationVersion> rolledBack = new ArrayList<>();
        for (Map.Entry<Entry, DownScript> e : downs.entrySet()) {
            rollBack(e.getKey(), e.getValue(), settings);
            rolledBack.add(e.getKey().script().version());
        }
        Map<MigrationVersion, MigrationInfo> now = new LinkedHashMap<>();
        for (Entry entry : planner.plan(scripts, history.readAll(connection), false)) {
            if (entry.script() != null && entry.state() == MigrationState.ROLLED_BACK) {
                now.put(entry.script().version(), entry.info());
            }
        }
        return rolledBack.stream().map(now::get).toList();
    }

    private MigrationVersion targetVersion(String target, List<Entry> entries) {
        TreeSet<MigrationVersion> known = new TreeSet<>();
        entries.forEach(e -> known.add(MigrationVersion.parse(e.info().version())));
        MigrationVersion version = null;
        try {
            version = MigrationVersion.parse(target.strip());
        } catch (IllegalArgumentException notAVersion) {
            // reported below, with the versions that exist
        }
        if (version != null && (target.strip().equals(EVERYTHING) || known.contains(version))) {
            return version;
        }
        throw new SlipwayException(
                SlipwayError.ROLLBACK_REFUSED,
                "Cannot roll back to version '" + target + "': no "
                        + "migration on disk or in " + history.displayName()
                        + " has that version, so nothing was rolled back.\n"
                        + "-> versions that exist: "
                        + (known.isEmpty()
                                ? "none"
                                : known.stream().map(MigrationVersion::toString).collect(Collectors.joining(", "))),
                Action.text("Give the version of the newest migration to keep, or " + EVERYTHING + " to roll back "
                        + "every migration."));
    }

    /** Validation problems, and non-transactional migrations that stopped part-way, must be settled first. */
    private void refuseUnsettled(String target, List<Entry> entries) {
        List<ValidationProblem> problems = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.problem() != null) {
                problems.add(entry.problem());
            } else if (entry.resumes()) {
                HistoryRow row = entry.latest();
                problems.add(new ValidationProblem(
                        entry.info(),
                        SlipwayError.MIGRATION_INTERRUPTED,
                        "Migration "
                                + entry.script().id() + " stopped part-way: it runs outside a transaction and "
                                + row.appliedSteps() + " of its "
                                + entry.script().statements().size()
                                + " statements are applied" + (row.logs() == null ? "" : " (its last attempt failed)")
                                + ".",
                        Action.text("Finish it with migrate(), or undo its partial changes by hand and resolve it as "
                                + "rolled back.")));
            }
        }
        if (!problems.isEmpty()) {
            throw new SlipwayException(
                    SlipwayError.ROLLBACK_REFUSED,
                    "Cannot roll back to version " + target
                            + " while the history of " + history.displayName() + " has "
                            + (problems.size() == 1 ? "a problem" : problems.size() + " problems")
                            + " to settle first; nothing was rolled back.\n\n"
                            + problems.stream()
                                    .map(ValidationProblem::description)
                                    .collect(Collectors.joining("\n\n")),
                    problems.stream()
                            .map(ValidationProblem::action)
                            .reduce(Action.none(), Action::then)
                            .then(Action.text(
                                    "Settle " + (problems.size() == 1 ? "it" : "them") + ", then roll back again.")));
        }
    }

    /** Every down file, read and checked, in the order they run; refuses when one is missing or malformed. */
    private Map<Entry, DownScript> readDownFiles(String target, List<Entry> toRollBack, List<MigrationText> files) {
        Map<MigrationVersion, MigrationText> textByVersion = new LinkedHashMap<>();
        files.forEach(file -> textByVersion.put(file.version(), file));
        List<String> withoutDown = new ArrayList<>();
        for (Entry entry : toRollBack) {
            MigrationScript script = entry.script();
            if (script == null && entry.state() == MigrationState.FUTURE) {
                withoutDown.add(entry.info().id() + ": applied by a newer version of the application ("
                        + entry.latest().appliedBy() + "), which ships its files; roll it back from that version");
            } else if (script == null) {
                withoutDown.add(entry.info().id() + ": its migration is gone from disk (applied by "
                        + entry.latest().appliedBy() + ", recorded in " + history.displayName() + ")");
            } else if (script.downSource().isEmpty() && !script.statements().isEmpty()) {
                withoutDown.add(script.id() + ": "
                        + (isFolderMigration(script)
                                ? "no down.sql in its folder " + folderOf(script.source())
                                : "a Flyway-style file, " + script.source() + ", which cannot have a down file"));
            }
        }
        if (!withoutDown.isEmpty()) {
            throw new SlipwayException(
                    SlipwayError.ROLLBACK_REFUSED,
                    "Cannot roll back to version " + target + ": "
                            + (withoutDown.size() == 1 ? "a migration" : withoutDown.size() + " migrations")
                            + " to roll back " + (withoutDown.size() == 1 ? "has" : "have")
                            + " no down file, so nothing "
                            + "was rolled back.\n-> " + String.join("\n-> ", withoutDown),
                    Action.text(
                            "Write a down.sql that undoes each migration, in its folder next to migration.sql, or roll back "
                                    + "to a version at or above the newest of them."));
        }
        Map<Entry, DownScript> downs = new LinkedHashMap<>();
        for (Entry entry : toRollBack) {
            MigrationText text = textByVersion.get(entry.script().version());
            downs.put(entry, MigrationLoader.readDown(text).orElseGet(() -> nothingToUndo(entry.script())));
        }
        return downs;
    }

    /**
     * The rollback of a migration without statements (only comments) and without a down file: it changed nothing, so
     * there is nothing to undo; rolling it back only marks its history row.
     */
    private static DownScript nothingToUndo(MigrationScript script) {
        return new DownScript(
                script.source(), TransactionMode.AUTO, true, Optional.empty(), Optional.empty(), List.of());
    }

    private void rollBack(Entry entry, DownScript down, SessionSettings settings) throws SQLException {
        MigrationScript script = entry.script();
        settings.timeouts(
                down.lockTimeout().orElse(config.ddlLockTimeout()),
                down.statementTimeout().orElse(config.ddlStatementTimeout()));
        long start = System.nanoTime();
        if (down.transactional()) {
            runTransactional(entry, down);
        } else {
            runStatementByStatement(entry, down);
        }
        log.info(
                "Rolled back migration {} ({}, {}, {} statement{}) in {} ms",
                script.id(),
                down.source(),
                down.transactional() ? "in a transaction" : "statement by statement",
                down.statements().size(),
                down.statements().size() == 1 ? "" : "s",
                (System.nanoTime() - start) / 1_000_000);
    }

    private void runTransactional(Entry entry, DownScript down) throws SQLException {
        MigrationScript script = entry.script();
        LockRetries retries = new LockRetries();
        while (true) {
            SqlStatement current = null;
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setEscapeProcessing(false);
                lease.check(connection, "rolling back migration " + script.id());
                for (SqlStatement sql : down.statements()) {
                    current = sql;
                    listeners.statementStarted(
                            entry.info(), down.source(), sql, down.statements().size(), true, true);
                    statement.execute(sql.sql());
                }
                current = null;
                if (history.markRolledBack(connection, entry.latest().id()) != 1) {
                    Transactions.rollbackQuietly(connection);
                    throw historyChanged(script);
                }
                connection.commit();
                connection.setAutoCommit(true);
                return;
            } catch (SlipwayException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            } catch (SQLException e) {
                Transactions.rollbackQuietly(connection);
                if (current != null && shouldRetry(e, retries, script, down, current)) {
                    continue;
                }
                throw Failures.downStatementFailed(script, down, current, e, 0, retries.count, retries.elapsed());
            }
        }
    }

    private void runStatementByStatement(Entry entry, DownScript down) throws SQLException {
        MigrationScript script = entry.script();
        int done = 0;
        for (SqlStatement sql : down.statements()) {
            LockRetries retries = new LockRetries();
            while (true) {
                try {
                    lease.check(
                            connection,
                            "statement " + sql.number() + " (line " + sql.line() + ") of " + down.source()
                                    + ", rolling back migration " + script.id());
                    listeners.statementStarted(
                            entry.info(), down.source(), sql, down.statements().size(), false, true);
                    dropInvalidIndexBeforeBuild(script, down, sql);
                    Jdbc.execute(connection, sql.sql());
                    break;
                } catch (SQLException e) {
                    if (shouldRetry(e, retries, script, down, sql)) {
                        continue;
                    }
                    throw Failures.downStatementFailed(script, down, sql, e, done, retries.count, retries.elapsed());
                }
            }
            done++;
        }
        int marked;
        try {
            connection.setAutoCommit(false);
            lease.check(connection, "marking migration " + script.id() + " rolled back (its down file ran)");
            marked = history.markRolledBack(connection, entry.latest().id());
            connection.commit();
        } catch (SQLException e) {
            throw Failures.downStatementFailed(script, down, null, e, done, 0, Duration.ZERO);
        } finally {
            Transactions.rollbackQuietly(connection);
        }
        if (marked != 1) {
            throw historyChanged(script);
        }
    }

    /**
     * A {@code CREATE INDEX CONCURRENTLY} that failed or timed out leaves an INVALID index behind, and the down
     * file runs from its start the next time: drop that index so the build can run again.
     */
    private void dropInvalidIndexBeforeBuild(MigrationScript script, DownScript down, SqlStatement sql)
            throws SQLException {
        Optional<ConcurrentIndexBuild> build = SqlStatements.concurrentIndexBuild(sql.sql());
        if (build.isPresent()
                && Catalog.indexState(
                                connection, build.get().table(), build.get().indexName())
                        == Catalog.IndexState.INVALID) {
            Transactions.dropInvalidIndex(
                    connection,
                    build.get(),
                    index -> log.warn(
                            "Rolling back migration {}:"
                                    + " dropping INVALID index {} left by an earlier failed build of statement {} (line {}) of {}"
                                    + " before building it again",
                            script.id(),
                            index,
                            sql.number(),
                            sql.line(),
                            down.source()));
        }
    }

    private boolean shouldRetry(
            SQLException e, LockRetries retries, MigrationScript script, DownScript down, SqlStatement sql) {
        return lockRetry.shouldRetry(
                e,
                retries,
                "Rolling back migration " + script.id() + " (" + down.source() + ")",
                script.version().toString(),
                script.name(),
                sql);
    }

    private SlipwayException historyChanged(MigrationScript script) {
        return new SlipwayException(
                SlipwayError.HISTORY_CHANGED,
                "Rolling back migration " + script.id() + ": its "
                        + "row in " + history.displayName()
                        + " is no longer an applied attempt, although the migration lock "
                        + "was held; was the history table changed by hand?",
                Action.text("Check the table, then look at the " + "migration status and roll back again."));
    }

    /** Whether the migration is a folder's {@code migration.sql} (not a Flyway-style file). */
    private static boolean isFolderMigration(MigrationScript script) {
        return script.source().endsWith("/migration.sql") || script.source().endsWith("\\migration.sql");
    }

    private static String folderOf(String source) {
        return source.substring(0, Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    }
}
