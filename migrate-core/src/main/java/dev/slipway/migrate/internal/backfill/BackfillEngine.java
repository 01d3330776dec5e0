package dev.slipway.migrate.internal.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillConfig;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStateException;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.BatchReport;
import dev.slipway.migrate.backfill.NoSuchBackfillException;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.engine.Backoff;
import dev.slipway.migrate.internal.engine.InstanceId;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.Identifiers;
import dev.slipway.migrate.internal.postgres.PoolerProbe;
import dev.slipway.migrate.internal.postgres.SessionSettings;

/**
 * Runs backfills (see {@link dev.slipway.migrate.backfill.Backfills#run} for the contract).
 *
 * <ol>
 *   <li>Outside a run (waiting): every poll borrows a connection, reads the backfill's record, checks the required
 *       migrations and tries the backfill's advisory lock, then gives the connection back.</li>
 *   <li>With the lock: the same session claims the record (owner, run start), resolves the table and its key, and
 *       runs batches until the backfill completes, fails, is paused, or a stop is requested; then it gives up
 *       ownership and the lock. A lost connection loses the lock with it, and the next poll takes it again.</li>
 * </ol>
 * The batches are fenced by the record's {@code owner} (unique to each run): a claim sets it, and a batch commits only
 * together with a cursor save that still finds this run the owner (the save's row lock makes a competing claim wait
 * for the batch's commit, and then start from its cursor). So even when the advisory lock leaks (two runs both believe
 * they hold it), no batch is committed twice; the run that was overtaken stops at its next save.
 */
public final class BackfillEngine {

    private static final Logger log = LoggerFactory.getLogger(BackfillEngine.class);

    private final DataSource dataSource;
    private final SlipwayConfig config;
    private final BackfillConfig defaults;
    private final BackfillListeners listeners;
    private final String instance;
    private final PoolerProbe pooler;
    /** Makes the lock of a backfill; only a test hands another one (see {@link #locks(BackfillLocks)}). */
    private BackfillLocks locks = AdvisoryLock::backfill;

    /** How the engine makes the lock of a backfill on a connection. */
    @FunctionalInterface
    interface BackfillLocks {
        AdvisoryLock on(Connection connection, String schema, String table, String backfill);
    }

    public BackfillEngine(DataSource dataSource, SlipwayConfig config, BackfillConfig backfillConfig,
            List<BackfillListener> listeners) {
        this.dataSource = dataSource;
        this.config = config;
        this.defaults = backfillConfig;
        this.listeners = new BackfillListeners(List.copyOf(listeners));
        this.instance = InstanceId.describe(config.applicationName());
        this.pooler = new PoolerProbe(dataSource);
    }

    /**
     * A seam for tests only: the engine takes the lock made here instead of the backfill's lock (e.g. one with a key
     * of its own, so that two engines both believe they hold it); everything else runs as always.
     */
    BackfillEngine locks(BackfillLocks locks) {
        this.locks = locks;
        return this;
    }

    /** What a run with the lock ended with. */
    private enum Ending { DONE, STOPPED, PAUSED, CONNECTION_LOST }

    public BackfillStatus run(Backfill backfill, StopSignal stop) throws InterruptedException {
        String owner = instance + " #" + UUID.randomUUID().toString().substring(0, 8);
        WaitLog waitLog = new WaitLog(backfill.name());
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                pooler.refuseTransactionPooler(c); // a transaction pooler is refused before the first lock
                SessionSettings settings = SessionSettings.capture(c);
                try {
                    settings.prepare(null, sessionName(backfill));
                    Optional<BackfillStatus> ended = attempt(c, settings, backfill, owner, stop, waitLog);
                    if (ended.isPresent()) {
                        return ended.get();
                    }
                } finally {
                    restore(c, settings);
                }
            } catch (SQLException e) {
                // A lost connection, or e.g. a login that may not create or update slipway_backfills: say so and
                // try again, since the fleet must not lose the backfill over a passing database problem.
                log.warn("Backfill {} could not run: {} (SQLSTATE {}); trying again in {} ms", backfill.name(),
                        e.getMessage(), e.getSQLState(), defaults.pollInterval().toMillis());
            }
            if (!stop.pause(defaults.pollInterval())) {
                return statusAfterStop(backfill.name());
            }
        }
    }

    /** One poll: returns the final status when the run is over, empty to poll again. */
    private Optional<BackfillStatus> attempt(Connection c, SessionSettings settings, Backfill backfill, String owner,
            StopSignal stop, WaitLog waitLog) throws SQLException, InterruptedException {
        BackfillTable table = table(c);
        table.create(c, config.createSchema());
        table.register(c, backfill.name(), displayName(backfill), initialBatchSize(backfill, null));
        BackfillRecord record = table.read(c, backfill.name()).orElseThrow();
        if (record.state() == BackfillState.COMPLETED || record.state() == BackfillState.FAILED) {
            return Optional.of(status(c, table, record));
        }
        if (stop.isStopRequested()) {
            return Optional.of(status(c, table, record));
        }
        if (record.state() == BackfillState.PAUSED) {
            waitLog.waiting("it is paused; resume it to go on");
            return Optional.empty();
        }
        List<String> missing = missingMigrations(c, table.schema(), backfill.requiredMigrations());
        if (!missing.isEmpty()) {
            waitLog.waiting("it requires migration(s) " + String.join(", ", missing) + " of schema "
                    + table.schema() + ", not applied yet");
            return Optional.empty();
        }
        AdvisoryLock lock = locks.on(c, table.schema(), BackfillTable.NAME, backfill.name());
        if (!lock.tryAcquire()) {
            waitLog.waiting("another instance runs it (" + Optional.ofNullable(record.owner()).orElse("starting")
                    + "); this one takes over if that one stops");
            return Optional.empty();
        }
        try {
            Ending ending = runLocked(c, settings, table, backfill, owner, stop);
            if (ending == Ending.PAUSED || ending == Ending.CONNECTION_LOST) {
                return Optional.empty();
            }
            BackfillRecord now = table.read(c, backfill.name()).orElseThrow();
            if (now.state() != BackfillState.COMPLETED && now.state() != BackfillState.FAILED) {
                return Optional.empty(); // paused or taken back meanwhile: wait, as any instance does
            }
            return Optional.of(status(c, table, now));
        } finally {
            lock.release();
        }
    }

    private Ending runLocked(Connection c, SessionSettings settings, BackfillTable table, Backfill backfill,
            String owner, StopSignal stop) throws SQLException, InterruptedException {
        String name = backfill.name();
        TargetTable target;
        try {
            target = TargetTable.resolve(c, backfill);
            checkSelectedColumns(backfill, target);
        } catch (BackfillDefinitionException e) {
            BackfillRecord record = table.claim(c, name, owner, displayName(backfill), List.of(), null);
            if (record.state() != BackfillState.RUNNING) {
                return record.state() == BackfillState.PAUSED ? Ending.PAUSED : Ending.DONE;
            }
            table.recordFailure(c, name, owner, 1, e.getMessage());
            log.error("{}", e.getMessage());
            listeners.ended(status(c, table, table.read(c, name).orElseThrow()));
            return Ending.DONE;
        }
        BackfillRecord record = table.claim(c, name, owner, target.displayName(), target.keys(),
                RowEstimate.of(c, target));
        if (record.state() != BackfillState.RUNNING) {
            return record.state() == BackfillState.PAUSED ? Ending.PAUSED : Ending.DONE;
        }
        return new BatchLoop(c, settings, table, target, backfill, owner, record, stop).run();
    }

    /** The batches of one run with the lock, and what they keep in memory. */
    private final class BatchLoop {

        private final Connection c;
        private final SessionSettings settings;
        private final BackfillTable table;
        private final TargetTable target;
        private final Backfill backfill;
        private final String owner;
        private final StopSignal stop;
        private final BatchExecutor executor;
        private final AdaptiveBatchSize sizing;
        private final Backoff backoff;
        private final Duration pause;
        private final ProgressLog progressLog;
        private List<String> cursor;
        private boolean sweeping;
        private int sweepPass;
        private long passRows;
        private int attempts;
        private String lastError;
        private final BackfillRecord atStart;
        private long runStartNanos;
        private long rowsProcessed;
        private long rowsUpdated;

        BatchLoop(Connection c, SessionSettings settings, BackfillTable table, TargetTable target, Backfill backfill,
                String owner, BackfillRecord record, StopSignal stop) {
            this.c = c;
            this.settings = settings;
            this.table = table;
            this.target = target;
            this.backfill = backfill;
            this.owner = owner;
            this.stop = stop;
            this.executor = new BatchExecutor(backfill, target);
            this.sizing = new AdaptiveBatchSize(initialBatchSize(backfill, record),
                    backfill.minBatchSize().orElse(defaults.minBatchSize()),
                    backfill.maxBatchSize().orElse(defaults.maxBatchSize()),
                    backfill.targetBatchTime().orElse(defaults.targetBatchTime()));
            this.backoff = new Backoff(defaults.retryInitialBackoff(), defaults.retryMaxBackoff());
            this.pause = backfill.pause().orElse(defaults.pause());
            this.progressLog = new ProgressLog(defaults.progressLogInterval());
            this.cursor = record.cursor();
            this.sweeping = record.sweeping();
            this.sweepPass = record.sweepPass();
            this.passRows = record.passRows();
            this.attempts = record.attempts();
            this.atStart = record;
        }

        Ending run() throws SQLException, InterruptedException {
            runStartNanos = System.nanoTime();
            rowsProcessed = atStart.rowsProcessed();
            rowsUpdated = atStart.rowsUpdated();
            logStart(atStart);
            listeners.started(status(c, table, atStart));
            settings.timeouts(defaults.lockTimeout(), defaults.statementTimeout());
            c.setAutoCommit(false);
            try {
                while (true) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("Backfill " + backfill.name() + " interrupted between batches");
                    }
                    if (stop.isStopRequested()) {
                        giveUp();
                        return Ending.STOPPED;
                    }
                    Outcome outcome = batch();
                    switch (outcome) {
                        case COMPLETED, FAILED:
                            return Ending.DONE;
                        case NOT_SAVED:
                            giveUp();
                            return ended();
                        case CONNECTION_LOST:
                            return Ending.CONNECTION_LOST;
                        case RETRY:
                            if (!stop.pause(backoff.next(attempts))) {
                                giveUp();
                                return Ending.STOPPED;
                            }
                            break;
                        default:
                            if (!pause.isZero() && !stop.pause(pause)) {
                                giveUp();
                                return Ending.STOPPED;
                            }
                    }
                }
            } finally {
                if (!c.isClosed()) {
                    try {
                        c.rollback();
                        c.setAutoCommit(true);
                    } catch (SQLException e) {
                        log.debug("Backfill {}: could not reset the connection: {}", backfill.name(), e.getMessage());
                    }
                }
            }
        }

        /** The batch did not save: see why (an operator paused it, most likely). */
        private Ending ended() throws SQLException {
            BackfillRecord now = table.read(c, backfill.name()).orElseThrow();
            c.commit();
            if (now.state() == BackfillState.PAUSED) {
                log.info("Backfill {} paused after {} rows; its batches stop until it is resumed", backfill.name(),
                        now.rowsProcessed());
                return Ending.PAUSED;
            }
            return Ending.DONE;
        }

        private Outcome batch() throws SQLException, InterruptedException {
            long begin = System.nanoTime();
            long[] lockStart = {0};
            int size = sizing.size();
            try {
                BatchExecutor.Range range = sweeping && cursor == null && !somethingToSweep() ? null
                        : executor.nextRange(c, cursor, size);
                int rowsScanned = range == null ? 0 : range.rows();
                BatchExecutor.Applied applied = range == null ? new BatchExecutor.Applied(0, null)
                        : executor.apply(c, cursor, range.upper(), lockStart);
                if (applied.stillMatching() != null) {
                    return neverEnding(applied.stillMatching());
                }
                int updated = applied.updated();
                boolean passEnded = range == null || range.rows() < size;
                // The pass over the table counts the rows it walks; a sweep, the rows it finds still to do.
                int processed = sweeping ? updated : rowsScanned;
                Next next = next(range, processed, passEnded);
                int nextSize = sizing.size();
                if (!table.saveBatch(c, backfill.name(), owner, new BackfillTable.Progress(next.cursor, next.sweeping,
                        next.sweepPass, processed, next.passRows, updated, nextSize, next.state))) {
                    c.rollback();
                    return Outcome.NOT_SAVED;
                }
                if (Thread.interrupted()) {
                    c.rollback();
                    throw new InterruptedException("Backfill " + backfill.name() + " interrupted; its batch in flight"
                            + " was rolled back");
                }
                c.commit();
                long end = System.nanoTime();
                Duration duration = Duration.ofNanos(end - begin);
                Duration lockHeld = lockStart[0] == 0 ? Duration.ZERO : Duration.ofNanos(end - lockStart[0]);
                int chosen = sizing.completed(rowsScanned, duration);
                cursor = next.cursor;
                sweeping = next.sweeping;
                sweepPass = next.sweepPass;
                passRows = next.passRows;
                attempts = 0;
                lastError = null;
                rowsProcessed += processed;
                rowsUpdated += updated;
                reportBatch(rowsScanned, updated, duration, lockHeld, chosen, next);
                if (next.state == BackfillState.COMPLETED) {
                    BackfillStatus done = status(c, table, table.read(c, backfill.name()).orElseThrow());
                    c.commit();
                    log.info("Backfill {} completed: {} rows of {} processed, {} updated, {} sweep pass(es)",
                            backfill.name(), done.rowsProcessed(), target.displayName(), done.rowsUpdated(),
                            sweepPassesOf(next));
                    listeners.ended(done);
                    return Outcome.COMPLETED;
                }
                return Outcome.SAVED;
            } catch (SQLException e) {
                return failed(e, size, null);
            } catch (BatchExecutor.RowProcessingException e) {
                return failed(null, size, e);
            }
        }

        private int sweepPassesOf(Next next) {
            return backfill.where().isPresent() ? next.sweepPass : 0;
        }

        /**
         * At the start of a sweep pass: whether any row matches {@code where}, so that a table with nothing left is
         * not walked again. The check takes no row lock; when it outlasts the statement timeout (a huge table and
         * no index for {@code where}), the pass walks the table in batches instead.
         */
        private boolean somethingToSweep() throws SQLException {
            try {
                boolean any = executor.anyMatching(c);
                c.commit();
                return any;
            } catch (SQLException e) {
                if (!BackfillErrors.isStatementTimeout(e)) {
                    throw e;
                }
                c.rollback();
                log.info("Backfill {}: could not tell within the statement timeout whether rows still match where;"
                        + " sweeping {} batch by batch", backfill.name(), target.displayName());
                return true;
            }
        }

        /** Where the record goes after this batch: the pass, the sweep, completion. */
        private Next next(BatchExecutor.Range range, int processed, boolean passEnded) {
            if (!passEnded) {
                return new Next(range.upper(), sweeping, sweepPass, passRows + processed, BackfillState.RUNNING);
            }
            long pass = passRows + processed;
            if (backfill.where().isEmpty()) {
                return new Next(null, false, 0, pass, BackfillState.COMPLETED);
            }
            if (sweeping && pass == 0) {
                return new Next(null, true, sweepPass, 0, BackfillState.COMPLETED);
            }
            if (pass == 0) {
                // An empty table: the start and the end of the backfill say all there is.
                log.debug("Backfill {}: the pass over the table walked 0 rows; sweeping {} once", backfill.name(),
                        target.displayName());
            } else {
                log.info("Backfill {}: {} {} rows; sweeping {} again for rows that still match where",
                        backfill.name(), sweeping ? "sweep pass " + sweepPass + " found" : "the pass over the table"
                                + " walked", pass, target.displayName());
            }
            return new Next(null, true, sweepPass + 1, 0, BackfillState.RUNNING);
        }

        private void reportBatch(int rowsScanned, int updated, Duration duration, Duration lockHeld, int nextSize,
                Next next) throws SQLException {
            if (!listeners.isEmpty() || progressLog.due()) {
                BackfillStatus status = liveStatus(nextSize);
                listeners.batch(new BatchReport(backfill.name(), rowsScanned, updated, duration, lockHeld, nextSize,
                        status));
                progressLog.log(status, next.sweeping);
            }
        }

        /**
         * The backfill as this runner knows it after a committed batch, without a round trip: the counts it saved,
         * the rate since this run started.
         */
        private BackfillStatus liveStatus(int batchSize) {
            double seconds = (System.nanoTime() - runStartNanos) / 1e9;
            double rate = seconds > 0 ? Math.max(0, rowsProcessed - atStart.rowsProcessed()) / seconds : 0;
            Long estimated = atStart.rowsEstimated() == null ? null : Math.max(atStart.rowsEstimated(), rowsProcessed);
            return new BackfillStatus(backfill.name(), target.displayName(), BackfillState.RUNNING, rowsProcessed,
                    rowsUpdated, estimated, progress(false, rowsProcessed, estimated), rate,
                    eta(true, rate, rowsProcessed, estimated, sweeping), batchSize, sweeping, owner,
                    atStart.startedAt(), java.time.Instant.now(), null, null);
        }

        /** A statement failed or the processor threw: retry a transient error, fail otherwise. */
        private Outcome failed(SQLException sqlError, int size, RuntimeException processorError) throws SQLException {
            rollbackQuietly();
            if (sqlError != null && isConnectionLost(sqlError)) {
                log.warn("Backfill {} lost its connection during a batch ({}); the batch was not saved, and the"
                        + " backfill goes on from its saved cursor", backfill.name(), sqlError.getMessage());
                return Outcome.CONNECTION_LOST;
            }
            attempts++;
            String message = errorMessage(sqlError, processorError, size);
            lastError = message;
            boolean transient_ = sqlError != null && BackfillErrors.isTransient(sqlError);
            if (transient_ && attempts < defaults.maxAttempts()) {
                if (BackfillErrors.isStatementTimeout(sqlError)) {
                    sizing.halve();
                }
                Duration wait = backoff.cap(attempts);
                log.warn("Backfill {}: batch attempt {} of {} failed, retrying within {} ms: {}", backfill.name(),
                        attempts, defaults.maxAttempts(), wait.toMillis(), firstLine(message));
                table.recordRetry(c, backfill.name(), owner, attempts, message);
                c.commit();
                listeners.retried(backfill.name(), attempts, wait, message);
                return Outcome.RETRY;
            }
            String failure = message + (transient_ ? "\nIt failed " + attempts + " times in a row." : "")
                    + "\nFix the cause, then retry the backfill (Backfills.retry(\"" + backfill.name()
                    + "\"), or the retry operation of the Actuator endpoint): it goes on from its saved cursor.";
            table.recordFailure(c, backfill.name(), owner, attempts, failure);
            c.commit();
            log.error("Backfill {} failed: {}", backfill.name(), failure);
            BackfillStatus failedStatus = status(c, table, table.read(c, backfill.name()).orElseThrow());
            c.commit();
            if (failedStatus.state() == BackfillState.FAILED) {
                listeners.ended(failedStatus);
            }
            return Outcome.FAILED;
        }

        /**
         * A processed row still matches {@code where}: the sweep would process it again and again. This is a
         * definition error, so the batch is rolled back and the backfill fails at once.
         */
        private Outcome neverEnding(List<String> key) throws SQLException {
            String what = backfill.processor().isPresent()
                    ? "its row processor set no column of row " + target.describeKey(key) + ", which matches where"
                    : "after its set, row " + target.describeKey(key) + " still matches where";
            return failed(null, sizing.size(), new BackfillDefinitionException("Backfill " + backfill.name() + " on "
                    + target.displayName() + ": " + what + " (" + backfill.where().orElseThrow() + "), so the final"
                    + " sweep would find it again after every pass and never end.\nMake every processed row stop"
                    + " matching where: change set (or what the processor sets), or narrow where to the rows it can"
                    + " do (e.g. add \"AND name IS NOT NULL\")."));
        }

        private String errorMessage(SQLException sqlError, RuntimeException processorError, int size) {
            String range = "the batch of up to " + size + " rows after "
                    + (cursor == null ? "the start of the table" : "key " + target.describeKey(cursor))
                    + (sweeping ? " (sweep pass " + sweepPass + ")" : "");
            if (processorError instanceof BackfillDefinitionException) {
                return processorError.getMessage();
            }
            if (processorError != null) {
                return "Backfill " + backfill.name() + " on " + target.displayName() + ", " + range + ": "
                        + processorError.getMessage();
            }
            return "Backfill " + backfill.name() + " on " + target.displayName() + ", " + range + ": "
                    + BackfillErrors.describe(sqlError);
        }

        private void giveUp() throws SQLException {
            rollbackQuietly();
            table.release(c, backfill.name(), owner);
            c.commit();
        }

        private void rollbackQuietly() {
            try {
                c.rollback();
            } catch (SQLException e) {
                log.debug("Backfill {}: rollback failed: {}", backfill.name(), e.getMessage());
            }
        }

        private boolean isConnectionLost(SQLException e) {
            String state = e.getSQLState();
            if (state != null && state.startsWith("08")) {
                return true;
            }
            try {
                return c.isClosed() || !c.isValid(2);
            } catch (SQLException ignored) {
                return true;
            }
        }

        private void logStart(BackfillRecord record) {
            Long estimate = record.rowsEstimated();
            String about = estimate == null ? "" : " (about " + estimate + " rows)";
            if (record.batches() == 0) {
                log.info("Backfill {} started on {}{}, batches of {} rows", backfill.name(), target.displayName(),
                        about, sizing.size());
            } else {
                log.info("Backfill {} resumed on {}{} after {} rows, {}", backfill.name(), target.displayName(), about,
                        record.rowsProcessed(), cursor == null
                                ? (sweeping ? "at the start of sweep pass " + sweepPass : "at the start")
                                : "from key " + target.describeKey(cursor));
            }
        }
    }

    private enum Outcome { SAVED, NOT_SAVED, RETRY, COMPLETED, FAILED, CONNECTION_LOST }

    private record Next(List<String> cursor, boolean sweeping, int sweepPass, long passRows, BackfillState state) {
    }

    // ---------------------------------------------------------------- status and operator actions

    public List<BackfillStatus> status() {
        try (Connection c = dataSource.getConnection()) {
            BackfillTable table = table(c);
            if (!table.exists(c)) {
                return List.of();
            }
            Set<Long> held = heldLocks(c);
            List<BackfillStatus> statuses = new ArrayList<>();
            for (BackfillRecord record : table.readAll(c)) {
                statuses.add(toStatus(record, held.contains(lockKey(table, record.name()))));
            }
            return statuses;
        } catch (SQLException e) {
            throw new SlipwayException("Could not read " + BackfillTable.NAME + ": " + e.getMessage(), e);
        }
    }

    public Optional<BackfillStatus> status(String name) {
        try (Connection c = dataSource.getConnection()) {
            BackfillTable table = table(c);
            if (!table.exists(c)) {
                return Optional.empty();
            }
            Optional<BackfillRecord> record = table.read(c, name);
            return record.isEmpty() ? Optional.empty() : Optional.of(status(c, table, record.get()));
        } catch (SQLException e) {
            throw new SlipwayException("Could not read " + BackfillTable.NAME + ": " + e.getMessage(), e);
        }
    }

    public BackfillStatus pause(String name) {
        return transition(name, List.of(BackfillState.PENDING, BackfillState.RUNNING, BackfillState.PAUSED),
                BackfillState.PAUSED, "pause");
    }

    public BackfillStatus resume(String name) {
        return transition(name, List.of(BackfillState.PAUSED, BackfillState.PENDING, BackfillState.RUNNING),
                BackfillState.RUNNING, "resume");
    }

    public BackfillStatus retry(String name) {
        return transition(name, List.of(BackfillState.FAILED), BackfillState.RUNNING, "retry");
    }

    private BackfillStatus transition(String name, List<BackfillState> from, BackfillState to, String operation) {
        try (Connection c = dataSource.getConnection()) {
            BackfillTable table = table(c);
            if (!table.exists(c)) {
                throw new NoSuchBackfillException(name, List.of());
            }
            Optional<BackfillRecord> found = table.read(c, name);
            if (found.isEmpty()) {
                throw new NoSuchBackfillException(name, namesOf(c, table));
            }
            BackfillRecord record = found.get();
            if (!from.contains(record.state())) {
                throw new BackfillStateException(name, record.state(), refusal(name, record.state(), operation));
            }
            BackfillState target = to == BackfillState.RUNNING && record.state() == BackfillState.PENDING
                    ? BackfillState.PENDING : to;
            if (table.transition(c, name, from, target) == 0) {
                BackfillRecord now = table.read(c, name).orElseThrow();
                throw new BackfillStateException(name, now.state(), refusal(name, now.state(), operation));
            }
            log.info("Backfill {}: {} ({} -> {})", name, operation, record.state(), target);
            return status(c, table, table.read(c, name).orElseThrow());
        } catch (SQLException e) {
            throw new SlipwayException("Could not " + operation + " backfill " + name + ": " + e.getMessage(), e);
        }
    }

    private static String refusal(String name, BackfillState state, String operation) {
        return switch (state) {
            case COMPLETED -> "Backfill " + name + " is COMPLETED; there is nothing to " + operation + ". To run it"
                    + " again, declare a backfill with a new name.";
            case FAILED -> "Backfill " + name + " is FAILED; " + operation + " does not apply. Fix the cause shown in"
                    + " its lastError, then retry it.";
            default -> "Backfill " + name + " is " + state + "; only a FAILED backfill can be retried.";
        };
    }

    private static List<String> namesOf(Connection c, BackfillTable table) throws SQLException {
        return table.readAll(c).stream().map(BackfillRecord::name).toList();
    }

    private BackfillStatus status(Connection c, BackfillTable table, BackfillRecord record) throws SQLException {
        boolean live = record.owner() != null && heldLocks(c).contains(lockKey(table, record.name()));
        return toStatus(record, live);
    }

    private static BackfillStatus toStatus(BackfillRecord r, boolean ownerLive) {
        Long estimated = r.rowsEstimated() == null ? null : Math.max(r.rowsEstimated(), r.rowsProcessed());
        double progress = progress(r.state() == BackfillState.COMPLETED, r.rowsProcessed(), estimated);
        double rate = 0;
        boolean running = r.state() == BackfillState.RUNNING && ownerLive;
        if (running && r.runStartedAt() != null && r.updatedAt() != null && r.updatedAt().isAfter(r.runStartedAt())) {
            double seconds = Duration.between(r.runStartedAt(), r.updatedAt()).toNanos() / 1e9;
            rate = Math.max(0, r.rowsProcessed() - r.runRows()) / seconds;
        }
        Duration eta = eta(running, rate, r.rowsProcessed(), estimated, r.sweeping());
        return new BackfillStatus(r.name(), r.tableName(), r.state(), r.rowsProcessed(), r.rowsUpdated(), estimated,
                progress, rate, eta, r.batchSize(), r.sweeping(), ownerLive ? r.owner() : null, r.startedAt(),
                r.updatedAt(), r.finishedAt(), r.lastError());
    }

    /** From 0 to 1: rows processed of the estimate, at most 0.99 until the backfill is complete. */
    private static double progress(boolean completed, long processed, Long estimated) {
        if (completed) {
            return 1.0;
        }
        return estimated == null || estimated == 0 ? 0.0 : Math.min(0.99, (double) processed / estimated);
    }

    /** The rows left at the current rate, while the first pass runs; null when unknown. */
    private static Duration eta(boolean running, double rate, long processed, Long estimated, boolean sweeping) {
        if (!running || rate <= 0 || estimated == null || sweeping) {
            return null;
        }
        return Duration.ofMillis((long) (Math.max(0, estimated - processed) / rate * 1000));
    }

    private BackfillStatus statusAfterStop(String name) {
        try {
            return status(name).orElseThrow();
        } catch (RuntimeException e) {
            throw new SlipwayException("Backfill " + name + " stopped, and its status could not be read: "
                    + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private BackfillTable table(Connection c) throws SQLException {
        String schema = config.schema();
        if (schema == null) {
            schema = Catalog.currentSchema(c).orElseThrow(() -> new SlipwayException(
                    "The connection has no current schema: no schema of its search_path exists.\n"
                            + "Set slipway.schema to the schema where Slipway keeps " + BackfillTable.NAME
                            + ", or fix the search_path / currentSchema of the connection."));
        }
        return new BackfillTable(schema);
    }

    /** The advisory lock key of one backfill: distinct from the migration lock and from every other backfill's. */
    private static long lockKey(BackfillTable table, String name) {
        return AdvisoryLock.backfillKey(table.schema(), BackfillTable.NAME, name);
    }

    private static Set<Long> heldLocks(Connection c) throws SQLException {
        return new HashSet<>(Jdbc.query(c, "SELECT classid::bigint, objid::bigint FROM pg_locks"
                + " WHERE locktype = 'advisory' AND granted AND objsubid = 1"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                rs -> (rs.getLong(1) << 32) | rs.getLong(2)));
    }

    private int initialBatchSize(Backfill backfill, BackfillRecord record) {
        int min = backfill.minBatchSize().orElse(defaults.minBatchSize());
        int max = backfill.maxBatchSize().orElse(defaults.maxBatchSize());
        int size = record != null && record.batches() > 0 ? record.batchSize()
                : backfill.batchSize().orElse(defaults.batchSize());
        return Math.max(min, Math.min(max, size));
    }

    private static String displayName(Backfill backfill) {
        return backfill.schema().map(s -> s + ".").orElse("") + backfill.table();
    }

    private String sessionName(Backfill backfill) {
        String name = "slipway backfill " + backfill.name();
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private void checkSelectedColumns(Backfill backfill, TargetTable target) {
        for (String column : backfill.select()) {
            if (target.columnType(column) == null) {
                throw new BackfillDefinitionException("Backfill " + backfill.name() + " selects column '" + column
                        + "', which " + target.displayName() + " does not have (names are taken exactly, case"
                        + " included). Fix select(...), or require the migration that adds it.");
            }
        }
    }

    private List<String> missingMigrations(Connection c, String schema, List<String> required) throws SQLException {
        if (required.isEmpty()) {
            return List.of();
        }
        Set<MigrationVersion> applied = new HashSet<>();
        if (Catalog.tableExists(c, schema, config.table())) {
            for (String version : Jdbc.query(c, "SELECT DISTINCT version FROM "
                    + Identifiers.qualified(schema, config.table())
                    + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL", rs -> rs.getString(1))) {
                applied.add(MigrationVersion.parse(version));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String version : required) {
            if (!applied.contains(MigrationVersion.parse(version))) {
                missing.add(version);
            }
        }
        return missing;
    }

    private static void restore(Connection c, SessionSettings settings) {
        try {
            if (!c.isClosed() && c.isValid(2)) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                settings.restore();
            }
        } catch (SQLException e) {
            log.debug("Could not restore the session settings of a backfill connection: {}", e.getMessage());
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Logs "waiting" reasons when they change, and at most every minute while they stay the same. */
    private static final class WaitLog {

        private static final long EVERY = Duration.ofMinutes(1).toNanos();
        private final String name;
        private String last;
        private long lastAt;

        WaitLog(String name) {
            this.name = name;
        }

        void waiting(String reason) {
            long now = System.nanoTime();
            if (!reason.equals(last) || now - lastAt >= EVERY) {
                log.info("Backfill {} waits: {}", name, reason);
                last = reason;
                lastAt = now;
            }
        }
    }
}
