package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillConfig;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.BatchReport;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.internal.engine.Backoff;
import dev.slipway.migrate.internal.postgres.SessionSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches of one run that holds a backfill's lock (its record claimed by {@link BackfillLoop}), and what they
 * keep in memory between batches.
 *
 * <ol>
 *   <li>Each batch runs in one transaction on the locked session: it finds the next key range of up to the current
 *       batch size after the cursor ({@link BatchExecutor#nextRange}), applies the backfill to it
 *       ({@link BatchExecutor#apply}), and saves the new cursor and counts with {@link BackfillTable#saveBatch}.</li>
 *   <li>The save is fenced by the record's {@code owner}: it writes only while this run is still the owner, and its
 *       row lock makes a competing claim wait for this commit. A save that finds another owner (or a paused record)
 *       rolls the batch back, so no batch is committed twice; the loop then gives up (or reports the pause).</li>
 *   <li>The batch size adapts to {@link BackfillConfig#targetBatchTime()} ({@link AdaptiveBatchSize}); a statement
 *       timeout halves it.</li>
 *   <li>When the pass reaches the end of the table, a backfill with {@code where} sweeps the table again, pass after
 *       pass, for rows that still match, until a pass finds none ({@code COMPLETED}); a row that still matches
 *       after being processed fails the backfill at once, since the sweep would never end.</li>
 *   <li>A transient error is retried with back-off up to {@link BackfillConfig#maxAttempts()} times in a row; any
 *       other error (or the last attempt) records the backfill {@code FAILED}. A lost connection ends the run: the
 *       batch was not saved, and the next poll takes the backfill again from its saved cursor.</li>
 *   <li>Between batches, a stop request (or an interrupt) releases the ownership and ends the run.</li>
 * </ol>
 */
final class BatchLoop {

    /** Backfill logs all go to one logger, {@code BackfillEngine}, as they did before the engine was split. */
    private static final Logger log = LoggerFactory.getLogger(BackfillEngine.class);

    /** What a run with the lock ended with. */
    enum Ending {
        DONE,
        STOPPED,
        PAUSED,
        CONNECTION_LOST
    }

    private final BackfillConfig defaults;
    private final BackfillListeners listeners;
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

    BatchLoop(
            BackfillConfig defaults,
            BackfillListeners listeners,
            Connection c,
            SessionSettings settings,
            BackfillTable table,
            TargetTable target,
            Backfill backfill,
            String owner,
            BackfillRecord record,
            StopSignal stop) {
        this.defaults = defaults;
        this.listeners = listeners;
        this.c = c;
        this.settings = settings;
        this.table = table;
        this.target = target;
        this.backfill = backfill;
        this.owner = owner;
        this.stop = stop;
        this.executor = new BatchExecutor(backfill, target);
        this.sizing = new AdaptiveBatchSize(
                initialBatchSize(backfill, defaults, record),
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
        listeners.started(BackfillStatusReader.of(c, table, atStart));
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
            log.info(
                    "Backfill {} paused after {} rows; its batches stop until it is resumed",
                    backfill.name(),
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
            BatchExecutor.Range range =
                    sweeping && cursor == null && !somethingToSweep() ? null : executor.nextRange(c, cursor, size);
            int rowsScanned = range == null ? 0 : range.rows();
            BatchExecutor.Applied applied = range == null
                    ? new BatchExecutor.Applied(0, null)
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
            if (!table.saveBatch(
                    c,
                    backfill.name(),
                    owner,
                    new BackfillTable.Progress(
                            next.cursor,
                            next.sweeping,
                            next.sweepPass,
                            processed,
                            next.passRows,
                            updated,
                            nextSize,
                            next.state))) {
                c.rollback();
                return Outcome.NOT_SAVED;
            }
            if (Thread.interrupted()) {
                c.rollback();
                throw new InterruptedException(
                        "Backfill " + backfill.name() + " interrupted; its batch in flight" + " was rolled back");
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
                BackfillStatus done = BackfillStatusReader.of(
                        c, table, table.read(c, backfill.name()).orElseThrow());
                c.commit();
                log.info(
                        "Backfill {} completed: {} rows of {} processed, {} updated, {} sweep pass(es)",
                        backfill.name(),
                        done.rowsProcessed(),
                        target.displayName(),
                        done.rowsUpdated(),
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
            log.info(
                    "Backfill {}: could not tell within the statement timeout whether rows still match where;"
                            + " sweeping {} batch by batch",
                    backfill.name(),
                    target.displayName());
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
            log.debug(
                    "Backfill {}: the pass over the table walked 0 rows; sweeping {} once",
                    backfill.name(),
                    target.displayName());
        } else {
            log.info(
                    "Backfill {}: {} {} rows; sweeping {} again for rows that still match where",
                    backfill.name(),
                    sweeping ? "sweep pass " + sweepPass + " found" : "the pass over the table" + " walked",
                    pass,
                    target.displayName());
        }
        return new Next(null, true, sweepPass + 1, 0, BackfillState.RUNNING);
    }

    private void reportBatch(
            int rowsScanned, int updated, Duration duration, Duration lockHeld, int nextSize, Next next)
            throws SQLException {
        if (!listeners.isEmpty() || progressLog.due()) {
            BackfillStatus status = liveStatus(nextSize);
            listeners.batch(
                    new BatchReport(backfill.name(), rowsScanned, updated, duration, lockHeld, nextSize, status));
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
        return new BackfillStatus(
                backfill.name(),
                target.displayName(),
                BackfillState.RUNNING,
                rowsProcessed,
                rowsUpdated,
                estimated,
                BackfillStatusReader.progress(false, rowsProcessed, estimated),
                rate,
                BackfillStatusReader.eta(true, rate, rowsProcessed, estimated, sweeping),
                batchSize,
                sweeping,
                owner,
                atStart.startedAt(),
                Instant.now(),
                null,
                null);
    }

    /** A statement failed or the processor threw: retry a transient error, fail otherwise. */
    private Outcome failed(SQLException sqlError, int size, RuntimeException processorError) throws SQLException {
        rollbackQuietly();
        if (sqlError != null && isConnectionLost(sqlError)) {
            log.warn(
                    "Backfill {} lost its connection during a batch ({}); the batch was not saved, and the"
                            + " backfill goes on from its saved cursor",
                    backfill.name(),
                    sqlError.getMessage());
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
            log.warn(
                    "Backfill {}: batch attempt {} of {} failed, retrying within {} ms: {}",
                    backfill.name(),
                    attempts,
                    defaults.maxAttempts(),
                    wait.toMillis(),
                    firstLine(message));
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
        BackfillStatus failedStatus =
                BackfillStatusReader.of(c, table, table.read(c, backfill.name()).orElseThrow());
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
        return failed(
                null,
                sizing.size(),
                new BackfillDefinitionException("Backfill " + backfill.name() + " on "
                        + target.displayName() + ": " + what + " ("
                        + backfill.where().orElseThrow() + "), so the final"
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
            log.info(
                    "Backfill {} started on {}{}, batches of {} rows",
                    backfill.name(),
                    target.displayName(),
                    about,
                    sizing.size());
        } else {
            log.info(
                    "Backfill {} resumed on {}{} after {} rows, {}",
                    backfill.name(),
                    target.displayName(),
                    about,
                    record.rowsProcessed(),
                    cursor == null
                            ? (sweeping ? "at the start of sweep pass " + sweepPass : "at the start")
                            : "from key " + target.describeKey(cursor));
        }
    }

    private enum Outcome {
        SAVED,
        NOT_SAVED,
        RETRY,
        COMPLETED,
        FAILED,
        CONNECTION_LOST
    }

    private record Next(List<String> cursor, boolean sweeping, int sweepPass, long passRows, BackfillState state) {}

    /**
     * The batch size a run starts with: the one saved by the last batch of an earlier run, else the backfill's (or the
     * default), within the backfill's bounds.
     */
    static int initialBatchSize(Backfill backfill, BackfillConfig defaults, BackfillRecord record) {
        int min = backfill.minBatchSize().orElse(defaults.minBatchSize());
        int max = backfill.maxBatchSize().orElse(defaults.maxBatchSize());
        int size = record != null && record.batches() > 0
                ? record.batchSize()
                : backfill.batchSize().orElse(defaults.batchSize());
        return Math.max(min, Math.min(max, size));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
