package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillConfig;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.internal.backfill.BatchLoop.Ending;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.engine.InstanceId;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.Identifiers;
import dev.slipway.migrate.internal.postgres.PoolerProbe;
import dev.slipway.migrate.internal.postgres.SessionSettings;
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

/**
 * The loop of one {@code run} of a backfill on one instance: waiting, claiming, and taking over from a runner that
 * stopped (see {@link dev.slipway.migrate.backfill.Backfills#run} for the contract).
 *
 * <ol>
 *   <li>Every poll borrows a connection (refusing a transaction pooler), creates {@code slipway_backfills} and
 *       registers the backfill unless they exist, and reads its record. A {@code COMPLETED} or {@code FAILED}
 *       backfill, or a stop request, ends the run with the backfill's status.</li>
 *   <li>The poll waits (logging why when the reason changes, and at most every minute) while the backfill is
 *       {@code PAUSED}, while a migration it requires is not applied, and while another session holds its
 *       advisory lock; then it gives the connection back and sleeps {@link BackfillConfig#pollInterval()}.</li>
 *   <li>With the lock, the same session resolves the table and its key (a definition error fails the backfill at
 *       once), claims the record (owner unique to this run, run start, row estimate) and hands it to the
 *       {@link BatchLoop} until the backfill completes, fails, is paused or a stop is requested; then it gives up
 *       ownership and the lock.</li>
 *   <li>Take-over: a runner that dies loses its session and the lock with it, so the next poll of any instance
 *       takes the lock and claims the record, and its batches go on from the saved cursor. A lost connection or a
 *       passing database error on this instance is logged, and the next poll tries again.</li>
 * </ol>
 * The batches are fenced by the record's {@code owner} (see {@link BatchLoop}), so even when the advisory lock leaks
 * (two runs both believe they hold it), no batch is committed twice.
 */
final class BackfillLoop {

    /** Backfill logs all go to one logger, {@code BackfillEngine}, as they did before the engine was split. */
    private static final Logger log = LoggerFactory.getLogger(BackfillEngine.class);

    private final DataSource dataSource;
    private final SlipwayConfig config;
    private final BackfillConfig defaults;
    private final BackfillListeners listeners;
    private final String instance;
    private final PoolerProbe pooler;
    /** Makes the lock of a backfill; only a test hands another one (see {@link BackfillEngine#locks}). */
    private BackfillEngine.BackfillLocks locks = AdvisoryLock::backfill;

    BackfillLoop(DataSource dataSource, SlipwayConfig config, BackfillConfig defaults, BackfillListeners listeners) {
        this.dataSource = dataSource;
        this.config = config;
        this.defaults = defaults;
        this.listeners = listeners;
        this.instance = InstanceId.describe(config.applicationName());
        this.pooler = new PoolerProbe(dataSource);
    }

    void locks(BackfillEngine.BackfillLocks locks) {
        this.locks = locks;
    }

    BackfillStatus run(Backfill backfill, StopSignal stop, BackfillOperations operations) throws InterruptedException {
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
                log.warn(
                        "Backfill {} could not run: {} (SQLSTATE {}); trying again in {} ms",
                        backfill.name(),
                        e.getMessage(),
                        e.getSQLState(),
                        defaults.pollInterval().toMillis());
            }
            if (!stop.pause(defaults.pollInterval())) {
                return statusAfterStop(backfill.name(), operations);
            }
        }
    }

    /** One poll: returns the final status when the run is over, empty to poll again. */
    private Optional<BackfillStatus> attempt(
            Connection c, SessionSettings settings, Backfill backfill, String owner, StopSignal stop, WaitLog waitLog)
            throws SQLException, InterruptedException {
        BackfillTable table = BackfillStatusReader.table(c, config);
        table.create(c, config.createSchema());
        table.register(c, backfill.name(), displayName(backfill), BatchLoop.initialBatchSize(backfill, defaults, null));
        BackfillRecord record = table.read(c, backfill.name()).orElseThrow();
        if (record.state() == BackfillState.COMPLETED || record.state() == BackfillState.FAILED) {
            return Optional.of(BackfillStatusReader.of(c, table, record));
        }
        if (stop.isStopRequested()) {
            return Optional.of(BackfillStatusReader.of(c, table, record));
        }
        if (record.state() == BackfillState.PAUSED) {
            waitLog.waiting("it is paused; resume it to go on");
            return Optional.empty();
        }
        List<String> missing = missingMigrations(c, table.schema(), backfill.requiredMigrations());
        if (!missing.isEmpty()) {
            waitLog.waiting("it requires migration(s) " + String.join(", ", missing) + " of schema " + table.schema()
                    + ", not applied yet");
            return Optional.empty();
        }
        AdvisoryLock lock = locks.on(c, table.schema(), BackfillTable.NAME, backfill.name());
        if (!lock.tryAcquire()) {
            waitLog.waiting("another instance runs it ("
                    + Optional.ofNullable(record.owner()).orElse("starting")
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
            return Optional.of(BackfillStatusReader.of(c, table, now));
        } finally {
            lock.release();
        }
    }

    private Ending runLocked(
            Connection c,
            SessionSettings settings,
            BackfillTable table,
            Backfill backfill,
            String owner,
            StopSignal stop)
            throws SQLException, InterruptedException {
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
            listeners.ended(
                    BackfillStatusReader.of(c, table, table.read(c, name).orElseThrow()));
            return Ending.DONE;
        }
        BackfillRecord record =
                table.claim(c, name, owner, target.displayName(), target.keys(), RowEstimate.of(c, target));
        if (record.state() != BackfillState.RUNNING) {
            return record.state() == BackfillState.PAUSED ? Ending.PAUSED : Ending.DONE;
        }
        return new BatchLoop(defaults, listeners, c, settings, table, target, backfill, owner, record, stop).run();
    }

    private static BackfillStatus statusAfterStop(String name, BackfillOperations operations) {
        try {
            return operations.status(name).orElseThrow();
        } catch (RuntimeException e) {
            throw new SlipwayException(
                    "Backfill " + name + " stopped, and its status could not be read: " + e.getMessage(), e);
        }
    }

    private static String displayName(Backfill backfill) {
        return backfill.schema().map(s -> s + ".").orElse("") + backfill.table();
    }

    private static String sessionName(Backfill backfill) {
        String name = "slipway backfill " + backfill.name();
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static void checkSelectedColumns(Backfill backfill, TargetTable target) {
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
            for (String version : Jdbc.query(
                    c,
                    "SELECT DISTINCT version FROM "
                            + Identifiers.qualified(schema, config.table())
                            + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
                    rs -> rs.getString(1))) {
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
