package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.AdoptionPlan;
import dev.slipway.migrate.ContractResult;
import dev.slipway.migrate.InstanceInfo;
import dev.slipway.migrate.LintMode;
import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.MigrateResult;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationLintException;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationStatus;
import dev.slipway.migrate.MigrationValidationException;
import dev.slipway.migrate.Resolution;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.SlipwayListener;
import dev.slipway.migrate.ValidationProblem;
import dev.slipway.migrate.ValidationResult;
import dev.slipway.migrate.internal.adopt.Adoption;
import dev.slipway.migrate.internal.discovery.MigrationCache;
import dev.slipway.migrate.internal.discovery.MigrationLoader;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.discovery.MigrationText;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.fleet.InstanceRegistry;
import dev.slipway.migrate.internal.history.HistoryRow;
import dev.slipway.migrate.internal.history.HistoryTable;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.lint.LintStartAfter;
import dev.slipway.migrate.internal.lint.Linter;
import dev.slipway.migrate.internal.lint.LiveSchema;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.internal.lock.Lease;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.CatalogFunctions;
import dev.slipway.migrate.internal.postgres.DatabaseProduct;
import dev.slipway.migrate.internal.postgres.PoolerProbe;
import dev.slipway.migrate.internal.postgres.RunSnapshot;
import dev.slipway.migrate.internal.postgres.SessionSettings;
import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.LintReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code Slipway} does, step by step.
 *
 * <p>{@link #migrate()}:
 * <ol>
 *   <li>Read every migration file and take its checksum.</li>
 *   <li>Borrow one connection; it holds the lock and runs everything, so that the lock lives exactly as long
 *       as the session that migrates (a killed migrator's lock goes with its session). A connection to another
 *       product than PostgreSQL 12+ is refused before any SQL ({@link DatabaseProduct}), as by every method.</li>
 *   <li>Without the lock, read the history, and log once (INFO) the migrations from the future, if any: applied
 *       by a newer version of the application, above this one's newest file, and left alone (unless one is a
 *       contract migration, which validation refuses below: this older version must not run after it). When
 *       every file is applied under its name and checksum (the common case of a restart, also of an older
 *       version's restart during a rolling release), or when the only files left declare
 *       {@code -- slipway:phase contract} in their header (a restart while a contract migration waits), return at
 *       once, without parsing SQL or waiting for an instance that is migrating.</li>
 *   <li>Otherwise split and check every file (a malformed set fails here, before anything runs), lint the
 *       pending expand migrations as one run over the live schema read from the catalog (unsafe DDL fails here in lint
 *       mode {@code fail}, still before anything runs; what a pending migration creates is new for the ones after it),
 *       take the advisory lock and its lease ({@link Lease}: the fencing token that every migration's transaction
 *       checks), create the history table if needed, read the history again (another instance may
 *       have done the work meanwhile), validate, read the catalog as it is before the run ({@link RunSnapshot}: the
 *       data-loss checks let go of what the run itself wrote, and when the migrations to run are not those linted,
 *       they are linted again against it), and run the pending expand migrations in version order,
 *       passing over contract migrations. A pending migration below applied ones runs too, as any pending one does,
 *       and so does one below migrations from the future.</li>
 *   <li>Repeatable migrations ({@code R__<description>.sql}) take part in every step: the fast path returns only when
 *       each is applied with its checksum, they are split, checked and linted with the run (after the versioned
 *       migrations, against what those create), and the new or changed ones run after the pending expand migrations,
 *       under the same lock, in description order, each in its own transaction with its history row (one row per
 *       apply, version {@code R}).</li>
 *   <li>Release the lock and put the connection's settings back, whatever happened.</li>
 * </ol>
 *
 * <p>{@link #contract()}:
 * <ol>
 *   <li>Read the files and the history without the lock; when nothing is pending, return at once.</li>
 *   <li>Split the files, plan, and check the conditions of the pending contract migrations
 *       ({@link ContractGate}: earlier migrations, required backfills, live instances). Log what each waiting
 *       migration waits for when that changed since this object last logged it. When none may run, return
 *       without the lock.</li>
 *   <li>Otherwise lint the ones that may run (as one run over the catalog, as {@code migrate()} does), take the
 *       advisory lock of {@code migrate()}, read the history and the conditions again (another instance may have
 *       applied them, or an old instance may have started), read the catalog before the run, and run those whose
 *       conditions still hold, in version order, through the same {@link MigrationRunner}.</li>
 * </ol>
 * Repeatable migrations are {@code migrate()}'s alone: {@code contract()} does not read them, nor does
 * {@link #rollback} ({@link RollbackRunner}) roll them back; {@code resolve} refuses them.
 *
 * <p>{@link #heartbeat()}, {@link #leave()} and {@link #instances()} keep and read this object's row in
 * {@code slipway_instances} ({@link InstanceRegistry}).
 */
public final class MigrationEngine {

    private static final Logger log = LoggerFactory.getLogger(MigrationEngine.class);

    private final DataSource dataSource;
    private final SlipwayConfig config;
    private final Listeners listeners;
    private final ClassLoader classLoader;
    private final String appliedBy;
    /** The files of the locations as last read: status, health and the endpoint read no file twice. */
    private final MigrationCache migrationFiles;

    private final Map<String, MigrationScript> parsed = new ConcurrentHashMap<>();
    private final String instanceId = UUID.randomUUID().toString();
    /** The reason last logged for each waiting contract migration, so that periodic calls log only changes. */
    private final Map<String, String> loggedReasons = new ConcurrentHashMap<>();

    private final PoolerProbe pooler;
    /** Makes the migration lock; only a test hands another one (see {@link #locks(MigrationLocks)}). */
    private MigrationLocks locks = (c, history) -> AdvisoryLock.migration(c, history.schema(), history.table());

    /** How the engine makes its migration lock on a connection. */
    @FunctionalInterface
    interface MigrationLocks {
        AdvisoryLock on(Connection connection, HistoryTable history);
    }

    public MigrationEngine(
            DataSource dataSource, SlipwayConfig config, List<SlipwayListener> listeners, ClassLoader classLoader) {
        this.dataSource = dataSource;
        this.config = config;
        this.listeners = new Listeners(listeners);
        this.classLoader = classLoader;
        this.appliedBy = InstanceId.describe(config.applicationName());
        this.pooler = new PoolerProbe(dataSource);
        this.migrationFiles = new MigrationCache(config.locations(), classLoader);
    }

    /**
     * A seam for tests only: the engine takes the lock made here instead of the migration lock (e.g. one with a key of
     * its own, so that two engines both believe they hold the migration lock); everything else runs as always.
     */
    MigrationEngine locks(MigrationLocks locks) {
        this.locks = locks;
        return this;
    }

    public MigrateResult migrate() {
        long start = System.nanoTime();
        MigrationLoader.Found found = migrationFiles.scanAll();
        List<MigrationText> files = found.versioned();
        List<MigrationText> all = all(found);
        return withOwnSession("migrate", c -> {
            HistoryTable history = history(c);
            MigrationPlanner planner = planner(history);
            List<HistoryRow> rows = history.exists(c) ? history.readAll(c) : null;
            if ((rows == null || rows.isEmpty()) && adopt(c, history, found)) {
                rows = history.readAll(c);
            }
            if (rows != null) {
                logFuture(history, planner.future(files, rows));
            }
            if (rows != null && planner.isUpToDate(all, rows)) {
                log.debug("Schema {} is up to date: {} migrations applied", history.schema(), all.size());
                return new MigrateResult(List.of(), Duration.ZERO, Duration.ofNanos(System.nanoTime() - start));
            }
            if (rows != null && planner.isUpToDateExceptContract(all, rows)) {
                log.debug(
                        "Schema {} has every expand migration applied; contract migrations wait for contract()",
                        history.schema());
                return new MigrateResult(List.of(), Duration.ZERO, Duration.ofNanos(System.nanoTime() - start));
            }
            List<MigrationScript> scripts = parse(all);
            List<MigrationScript> pending = scripts.stream()
                    .filter(script -> script.phase() == MigrationPhase.EXPAND)
                    .toList();
            if (rows != null) {
                List<Entry> entries = planner.plan(scripts, rows, true);
                throwIfInvalid(entries);
                pending = entries.stream()
                        .filter(Entry::isRunnableExpand)
                        .map(Entry::script)
                        .toList();
            }
            if (pending.isEmpty() && (rows != null || !scripts.isEmpty())) {
                return new MigrateResult(List.of(), Duration.ZERO, Duration.ofNanos(System.nanoTime() - start));
            }
            boolean linted = lint(c, history, rows, scripts, pending);
            return migrateLocked(c, history, planner, scripts, linted ? pending : null, start);
        });
    }

    /**
     * Takes over a schema that Slipway's history does not cover yet ({@link Adoption}): imports another tool's
     * history, or records the baseline, or refuses. Reads the catalog first, without the lock, and returns at once
     * when there is nothing to take over (an empty schema, where every migration simply runs); otherwise takes the
     * migration lock, reads the history again (another instance may have imported it meanwhile) and adopts.
     *
     * @return whether the history table exists now, so that the caller reads it again
     */
    private boolean adopt(Connection c, HistoryTable history, MigrationLoader.Found found) throws SQLException {
        if (!Adoption.mayApply(c, history, config)) {
            return false;
        }
        withLock(c, history, sessionName("adopt"), (settings, waited, lease) -> {
            if (history.exists(c) && !history.readAll(c).isEmpty()) {
                return null;
            }
            Adoption.adopt(c, history, found, config, appliedBy);
            return null;
        });
        return history.exists(c);
    }

    /**
     * Says once per {@code migrate()} that migrations from the future (applied by a newer version of the application,
     * above the newest file) are left alone: they are no problem, and health checks say nothing of them in the log.
     * Says nothing when one of them is a contract migration: validation then stops {@code migrate()} and says why.
     */
    private static void logFuture(HistoryTable history, List<HistoryRow> future) {
        if (future.isEmpty() || future.stream().anyMatch(MigrationPlanner::isContract)) {
            return;
        }
        HistoryRow newest = future.get(future.size() - 1);
        log.info(
                "Schema {} has {} migration{} applied by a newer version of the application (newest {}_{}): left "
                        + "alone",
                history.schema(),
                future.size(),
                future.size() == 1 ? "" : "s",
                newest.version(),
                newest.name());
    }

    /**
     * Lints the pending migrations before the lock is taken and before anything is applied, as
     * {@link SlipwayConfig#lintMode()} says, as one run over the live schema read from the catalog now (a read, which
     * needs no lock): a table that a pending migration creates is new for the pending migrations after it, every
     * other table is live; the applied migrations, and the pending ones up to the lint baseline
     * ({@link SlipwayConfig#lintStartAfter()}), are read only for the column types they define, and the catalog's
     * types come over them. When the lint fails but the history changed since {@code rows} were read (another
     * instance migrated meanwhile, so the catalog and the pending migrations may not match), the verdict waits for
     * the lint under the lock.
     *
     * @return whether the pending migrations were linted (false: lint them again under the lock)
     */
    private boolean lint(
            Connection c,
            HistoryTable history,
            List<HistoryRow> rows,
            List<MigrationScript> scripts,
            List<MigrationScript> pending)
            throws SQLException {
        if (config.lintMode() == LintMode.OFF) {
            return true;
        }
        LintStartAfter.of(config.lintStartAfter()).warnIfAboveEvery(scripts);
        LintReport report = lintReport(c, scripts, pending, RunSnapshot.read(c, history.schema()));
        if (config.lintMode() == LintMode.FAIL && report.hasErrors()) {
            List<HistoryRow> now = history.exists(c) ? history.readAll(c) : List.of();
            if (!now.equals(rows == null ? List.of() : rows)) {
                return false;
            }
        }
        report(report);
        return true;
    }

    /**
     * Under the lock, right before the run: lints the migrations about to run against the catalog as it is now,
     * unless the lint before the lock already covered exactly them.
     */
    private void lintUnderLock(
            Connection c,
            List<MigrationScript> scripts,
            List<MigrationScript> linted,
            List<Entry> toRun,
            RunSnapshot before)
            throws SQLException {
        List<MigrationScript> running = toRun.stream().map(Entry::script).toList();
        if (config.lintMode() == LintMode.OFF || running.isEmpty() || running.equals(linted)) {
            return;
        }
        report(lintReport(c, scripts, running, before));
    }

    /**
     * Lints the pending migrations after the lint baseline against the catalog as {@code before} read it, with the
     * volatility of functions from the live {@code pg_proc}. Pending repeatable migrations are linted after the
     * versioned ones, against what those create.
     */
    private LintReport lintReport(
            Connection c, List<MigrationScript> scripts, List<MigrationScript> pending, RunSnapshot before)
            throws SQLException {
        java.util.Set<MigrationScript> toLint = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        pending.stream()
                .filter(LintStartAfter.of(config.lintStartAfter())::lints)
                .forEach(toLint::add);
        if (toLint.isEmpty()) {
            return new LintReport(List.of());
        }
        // The repeatable migrations that run come after every versioned one, so they are linted against the schema
        // the versioned migrations of the run leave; those that do not run tell the linter nothing new.
        List<MigrationScript> read = scripts.stream()
                .filter(s -> !s.repeatable() || toLint.contains(s))
                .toList();
        return Linter.lint(read, toLint::contains, LiveSchema.of(before), CatalogFunctions.volatility(c));
    }

    private void report(LintReport report) {
        if (config.lintMode() == LintMode.FAIL && report.hasErrors()) {
            throw new MigrationLintException(report.findings());
        }
        for (LintFinding finding : report.findings()) {
            log.warn("Migration linter: {}", finding.message());
        }
    }

    /**
     * @param linted the migrations the lint before the lock covered, or null when it left its verdict to the lock
     */
    private MigrateResult migrateLocked(
            Connection c,
            HistoryTable history,
            MigrationPlanner planner,
            List<MigrationScript> scripts,
            List<MigrationScript> linted,
            long start)
            throws SQLException {
        return underLock(c, history, planner, scripts, (entries, settings, waited, lease) -> {
            List<Entry> runnable =
                    entries.stream().filter(Entry::isRunnableExpand).toList();
            RunSnapshot before = runnable.isEmpty() ? null : RunSnapshot.read(c, history.schema());
            if (!runnable.isEmpty()) {
                lintUnderLock(c, scripts, linted, runnable, before);
                log.info(
                        "Migrating schema {}: {} migration{} to apply",
                        history.schema(),
                        runnable.size(),
                        runnable.size() == 1 ? "" : "s");
            }
            MigrationRunner runner = new MigrationRunner(c, settings, history, config, listeners, planner, appliedBy)
                    .before(before)
                    .lease(lease);
            List<MigrationInfo> applied = new ArrayList<>();
            for (Entry entry : runnable) {
                applied.add(runner.run(entry));
            }
            return new MigrateResult(applied, waited, Duration.ofNanos(System.nanoTime() - start));
        });
    }

    @FunctionalInterface
    private interface LockedSession<T> {
        T run(SessionSettings settings, Duration waited, Lease lease) throws SQLException;
    }

    @FunctionalInterface
    private interface LockedWork<T> {
        T run(List<Entry> entries, SessionSettings settings, Duration waited, Lease lease) throws SQLException;
    }

    /**
     * Captures the connection's settings, prepares the session (schema first on the search path, the given
     * {@code application_name}), takes the migration lock and then, when the history table exists, its lease (before
     * the history is read, so that the fencing token stands for this run's view of it; a run that creates the history
     * table takes it right after), runs the work, and then releases the lock (in
     * {@code finally}; an unconfirmed release closes the connection, see {@link AdvisoryLock#release}) and puts the
     * settings back, whatever happened.
     */
    private <T> T withLock(Connection c, HistoryTable history, String sessionName, LockedSession<T> work)
            throws SQLException {
        SessionSettings settings = SessionSettings.capture(c);
        try {
            settings.prepare(config.schema(), sessionName);
            AdvisoryLock lock = locks.on(c, history);
            try {
                Duration waited =
                        lock.acquire(config.lockWaitTimeout(), config.lockPollInterval(), listeners::lockWaiting);
                listeners.lockAcquired(waited);
                return work.run(settings, waited, history.exists(c) ? takeLease(c, history) : null);
            } finally {
                lock.release();
            }
        } finally {
            try {
                if (!c.isClosed()) { // closed by a release that could not be confirmed
                    settings.restore();
                }
            } catch (SQLException e) {
                log.debug("Could not restore the session settings of the migration connection", e);
            }
        }
    }

    /**
     * Takes the lease of the migration lock ({@link Lease}): right after the advisory lock, before the history is read.
     */
    private Lease takeLease(Connection c, HistoryTable history) throws SQLException {
        return Lease.take(c, history.schema(), history.displayName(), appliedBy);
    }

    /**
     * {@link #withLock}, and under the lock: creates the history table if needed, plans against the history read
     * under the lock (another instance may have done the work meanwhile), and refuses an invalid plan before the
     * work runs.
     */
    private <T> T underLock(
            Connection c,
            HistoryTable history,
            MigrationPlanner planner,
            List<MigrationScript> scripts,
            LockedWork<T> work)
            throws SQLException {
        return withLock(c, history, sessionName("migrate"), (settings, waited, lease) -> {
            history.create(c, config.createSchema());
            Lease held = lease == null ? takeLease(c, history) : lease; // the history was created just now
            List<Entry> entries = Resumption.reviewInterrupted(
                    c, history.schema(), planner.plan(scripts, history.readAll(c), false), planner);
            throwIfInvalid(entries);
            return work.run(entries, settings, waited, held);
        });
    }

    /**
     * Records a baseline at {@code version} on a schema without history ({@link Adoption#baseline}), under the
     * migration lock; refuses a schema that has a history already, and a version with no file at or below it.
     *
     * @return the migrations recorded as {@code BASELINE}, in version order
     */
    public List<MigrationInfo> baseline(String version) {
        MigrationVersion.parse(version);
        MigrationLoader.Found found = migrationFiles.scanAll();
        withOwnSession("baseline", c -> {
            HistoryTable history = history(c);
            return withLock(c, history, sessionName("baseline"), (settings, waited, lease) -> {
                int rows = history.exists(c) ? history.readAll(c).size() : 0;
                if (rows > 0) {
                    throw new SlipwayException("Schema " + history.schema() + " cannot be baselined at " + version
                            + ": " + history.displayName() + " already has " + rows + " row" + (rows == 1 ? "" : "s")
                            + ". A baseline is recorded only before Slipway's first migration.\n"
                            + "-> to record one migration made by hand, resolve it as applied instead");
                }
                if (Adoption.baseline(c, history, found, config, appliedBy, version) == 0) {
                    throw new SlipwayException("Schema " + history.schema() + " cannot be baselined at " + version
                            + ": no migration file has a version at or below it, so there is nothing to record.\n"
                            + "-> give the version of the newest migration whose changes the schema already has");
                }
                return null;
            });
        });
        log.info(
                "Recorded a baseline at version {} in schema {}",
                version,
                config.schema() == null ? "(current)" : config.schema());
        return status().migrations().stream()
                .filter(m -> m.state() == MigrationState.BASELINE)
                .toList();
    }

    /** What importing another tool's history would record ({@link Adoption#plan}); writes nothing, takes no lock. */
    public AdoptionPlan adoptionPlan() {
        MigrationLoader.Found found = migrationFiles.scanAll();
        return withConnection("plan the adoption", c -> Adoption.plan(c, history(c), found, config));
    }

    /**
     * Imports another tool's history under the migration lock, as the first {@code migrate()} does, without running
     * any migration: plans again under the lock and imports only when the plan is {@link AdoptionPlan.Result#IMPORT}.
     *
     * @return the plan carried out, or the reason nothing was imported
     */
    public AdoptionPlan adopt() {
        MigrationLoader.Found found = migrationFiles.scanAll();
        AdoptionPlan plan = withOwnSession("adopt", c -> {
            HistoryTable history = history(c);
            return withLock(c, history, sessionName("adopt"), (settings, waited, lease) -> {
                AdoptionPlan underLock = Adoption.plan(c, history, found, config);
                if (underLock.result() == AdoptionPlan.Result.IMPORT) {
                    Adoption.adopt(c, history, found, config, appliedBy);
                }
                return underLock;
            });
        });
        return plan;
    }

    public MigrationStatus status() {
        List<MigrationScript> scripts = parse(all(migrationFiles.scanAll()));
        return withConnection("read the migration status", c -> {
            HistoryTable history = history(c);
            Optional<LockHolder> holder =
                    Catalog.advisoryLockHolder(c, AdvisoryLock.keyFor(history.schema(), history.table()));
            List<HistoryRow> rows = history.exists(c) ? history.readAll(c) : List.of();
            MigrationPlanner planner = planner(history);
            List<Entry> planned = planner.plan(scripts, rows, holder.isPresent());
            List<Entry> entries = gate(c, history, planner, planned);
            // the problems validate() finds, from the same files and rows
            List<ValidationProblem> problems =
                    problems(Resumption.reviewInterrupted(c, history.schema(), planned, planner));
            return new MigrationStatus(entries.stream().map(Entry::info).toList(), holder, problems);
        });
    }

    /**
     * Applies the pending contract migrations whose conditions hold, in version order, under the migration lock;
     * the lock is taken only when one may run.
     */
    public ContractResult contract() {
        List<MigrationText> files = migrationFiles.scan();
        return withOwnSession("apply contract migrations", c -> {
            HistoryTable history = history(c);
            MigrationPlanner planner = planner(history);
            List<HistoryRow> rows = history.exists(c) ? history.readAll(c) : List.of();
            if (planner.isUpToDate(files, rows)) {
                log.debug("Schema {}: no contract migration to apply", history.schema());
                return new ContractResult(List.of(), List.of());
            }
            List<MigrationScript> scripts = parse(files);
            List<Entry> entries = planner.plan(scripts, rows, true);
            throwIfInvalid(entries);
            List<Entry> gated = gate(c, history, planner, entries);
            logWaiting(gated);
            List<MigrationScript> ready = gated.stream()
                    .filter(Entry::isPendingContract)
                    .map(Entry::script)
                    .toList();
            if (ready.isEmpty()) {
                return new ContractResult(List.of(), awaiting(gated));
            }
            boolean linted = lint(c, history, rows, scripts, ready);
            return contractLocked(c, history, planner, scripts, linted ? ready : null);
        });
    }

    private ContractResult contractLocked(
            Connection c,
            HistoryTable history,
            MigrationPlanner planner,
            List<MigrationScript> scripts,
            List<MigrationScript> linted)
            throws SQLException {
        return underLock(c, history, planner, scripts, (entries, settings, waited, lease) -> {
            List<Entry> gated = gate(c, history, planner, entries);
            logWaiting(gated);
            List<Entry> ready = gated.stream().filter(Entry::isPendingContract).toList();
            RunSnapshot before = ready.isEmpty() ? null : RunSnapshot.read(c, history.schema());
            if (!ready.isEmpty()) {
                lintUnderLock(c, scripts, linted, ready, before);
                log.info(
                        "Contracting schema {}: {} contract migration{} to apply",
                        history.schema(),
                        ready.size(),
                        ready.size() == 1 ? "" : "s");
            }
            InstanceRegistry registry = registry(history);
            MigrationRunner runner = new MigrationRunner(c, settings, history, config, listeners, planner, appliedBy)
                    .before(before)
                    .lease(lease)
                    .fleetCheck((connection, script) ->
                            olderInstance(registry.lockAndFindOlder(connection, instanceId, script.version())));
            List<MigrationInfo> applied = new ArrayList<>();
            for (Entry entry : ready) {
                MigrationInfo info = runner.run(entry);
                if (info == null) {
                    break; // an older instance registered after the check; this and later ones wait for it
                }
                applied.add(info);
                loggedReasons.remove(entry.info().id());
            }
            return new ContractResult(applied, awaiting(gated));
        });
    }

    /** The entries with the conditions of pending contract migrations checked; reads facts only when needed. */
    private List<Entry> gate(Connection c, HistoryTable history, MigrationPlanner planner, List<Entry> entries)
            throws SQLException {
        if (!ContractGate.anyPendingContract(entries)) {
            return entries;
        }
        ContractGate.Facts facts = ContractGate.read(c, history.schema(), registry(history), instanceId, entries);
        return ContractGate.evaluate(entries, facts, planner);
    }

    /** Why a contract migration must wait for the first of the given older instances; null when there is none. */
    private static String olderInstance(List<dev.slipway.migrate.InstanceInfo> older) {
        if (older.isEmpty()) {
            return null;
        }
        dev.slipway.migrate.InstanceInfo first = older.get(0);
        return "instance " + first.id() + " on " + first.host() + " (pid " + first.pid() + ") registered meanwhile"
                + " and ships only migrations up to " + first.newestMigration();
    }

    /** Logs what each waiting contract migration waits for, when it differs from what was last logged for it. */
    private void logWaiting(List<Entry> entries) {
        for (Entry entry : entries) {
            String reason = entry.info().awaitingReason();
            if (reason != null && !reason.equals(loggedReasons.put(entry.info().id(), reason))) {
                log.info("Contract migration {} waits: {}", entry.info().id(), reason);
            }
        }
    }

    private static List<MigrationInfo> awaiting(List<Entry> entries) {
        return entries.stream()
                .map(Entry::info)
                .filter(info -> info.state() == MigrationState.AWAITING)
                .toList();
    }

    /** This object's id in {@code slipway_instances}. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Registers this object in {@code slipway_instances} or refreshes its row, with the newest migration among its
     * files (listed, not read).
     */
    public void heartbeat() {
        String newest = MigrationLoader.newestVersion(config.locations(), classLoader)
                .map(MigrationVersion::toString)
                .orElse(null);
        withOwnSession("heartbeat into " + InstanceRegistry.NAME, c -> {
            HistoryTable history = history(c);
            registry(history)
                    .heartbeat(
                            c,
                            new InstanceRegistry.Registration(
                                    instanceId,
                                    InstanceId.host(),
                                    ProcessHandle.current().pid(),
                                    config.applicationName(),
                                    newest),
                            config.heartbeatInterval(),
                            config.createSchema());
            return null;
        });
    }

    /** Deletes this object's row from {@code slipway_instances}. */
    public void leave() {
        withConnection("leave " + InstanceRegistry.NAME, c -> {
            if (registry(history(c)).leave(c, instanceId)) {
                log.debug("Instance {} left {}", instanceId, InstanceRegistry.NAME);
            }
            return null;
        });
    }

    /** The live instances of this history, oldest first. */
    public List<InstanceInfo> instances() {
        return withConnection(
                "read " + InstanceRegistry.NAME, c -> registry(history(c)).live(c, instanceId));
    }

    private static InstanceRegistry registry(HistoryTable history) {
        return new InstanceRegistry(history.schema(), history.table());
    }

    public ValidationResult validate() {
        List<MigrationScript> scripts = parse(all(migrationFiles.scanAll()));
        return withConnection("validate", c -> {
            HistoryTable history = history(c);
            boolean locked = Catalog.advisoryLockHolder(c, AdvisoryLock.keyFor(history.schema(), history.table()))
                    .isPresent();
            List<HistoryRow> rows = history.exists(c) ? history.readAll(c) : List.of();
            MigrationPlanner planner = planner(history);
            return new ValidationResult(problems(
                    Resumption.reviewInterrupted(c, history.schema(), planner.plan(scripts, rows, locked), planner)));
        });
    }

    /**
     * Settles a migration under the migration lock: a failed or interrupted attempt is marked applied or rolled back
     * (its row kept, with its logs); a pending migration never attempted is recorded as applied without running
     * ({@link HistoryRow#RESOLVED}: its changes were made by hand, as after Prisma's {@code migrate resolve
     * --applied}). Anything else is refused, naming what can be resolved.
     */
    public MigrationInfo resolve(String version, Resolution resolution) {
        refuseRepeatable(version);
        List<MigrationScript> scripts = load();
        MigrationVersion wanted = MigrationVersion.parse(version);
        return withOwnSession("resolve migration " + version, c -> {
            HistoryTable history = history(c);
            return withLock(c, history, sessionName("resolve"), (settings, waited, lease) -> {
                List<HistoryRow> rows = history.exists(c) ? history.readAll(c) : List.of();
                HistoryRow latest = null;
                for (HistoryRow row : rows) {
                    if (!row.isRepeatable()
                            && MigrationVersion.parse(row.version()).equals(wanted)) {
                        latest = row;
                    }
                }
                MigrationPlanner planner = planner(history);
                MigrationScript script = scripts.stream()
                        .filter(s -> s.version().equals(wanted))
                        .findFirst()
                        .orElse(null);
                if (latest == null) {
                    resolveNeverAttempted(c, history, rows, scripts, script, version, resolution, lease);
                } else if (!latest.isUnfinished()) {
                    String unfinished = planner.plan(scripts, rows, false).stream()
                            .filter(e -> e.latest() != null && e.latest().isUnfinished())
                            .map(e -> e.info().id())
                            .collect(Collectors.joining(", "));
                    throw new SlipwayException(
                            SlipwayError.RESOLVE_REFUSED,
                            "Migration " + version + " cannot be "
                                    + "resolved: its latest attempt is "
                                    + (latest.isApplied() ? "applied" : "already rolled back")
                                    + ". Only a failed or interrupted migration can be resolved, or a pending one that was "
                                    + "never attempted resolved as applied.\n"
                                    + "-> migrations that can be resolved now: "
                                    + (unfinished.isEmpty() ? "none" : unfinished),
                            Action.text("Resolve one of the migrations that can be resolved, or none."));
                } else {
                    HistoryRow unfinished = latest;
                    Jdbc.inTransaction(c, () -> {
                        lease.check(c, "resolving migration " + version);
                        history.resolve(
                                c,
                                unfinished.id(),
                                unfinished.version() + "_" + unfinished.name(),
                                resolution == Resolution.APPLIED,
                                script == null ? null : script.checksum());
                    });
                    log.info(
                            "Resolved migration {}_{} as {}",
                            latest.version(),
                            latest.name(),
                            resolution.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                }
                return planner.plan(scripts, history.readAll(c), false).stream()
                        .filter(e -> !e.info().repeatable()
                                && MigrationVersion.parse(e.info().version()).equals(wanted))
                        .findFirst()
                        .orElseThrow()
                        .info();
            });
        });
    }

    /**
     * {@code resolve} of a migration with no attempt in the history: as applied, records its file as applied without
     * running it (kind {@link HistoryRow#RESOLVED}); as rolled back, refuses (there is nothing to roll back). Refuses a
     * version without a file, naming the versions near it, and a schema that Slipway has not taken over yet (its first
     * {@code migrate()} imports another tool's history or records a baseline; a resolved row would stop that).
     */
    private void resolveNeverAttempted(
            Connection c,
            HistoryTable history,
            List<HistoryRow> rows,
            List<MigrationScript> scripts,
            MigrationScript script,
            String version,
            Resolution resolution,
            Lease lease)
            throws SQLException {
        if (script == null) {
            throw new SlipwayException(
                    SlipwayError.RESOLVE_REFUSED,
                    "Migration " + version + " cannot be resolved: no "
                            + "migration file has version " + version + ", and " + history.displayName()
                            + " has no attempt at "
                            + "it.\n-> " + nearVersions(scripts, MigrationVersion.parse(version)),
                    Action.text("Check the version: the migration status lists every migration and its version."));
        }
        if (resolution == Resolution.ROLLED_BACK) {
            throw new SlipwayException(
                    SlipwayError.RESOLVE_REFUSED,
                    "Migration " + script.id() + " cannot be resolved "
                            + "as rolled back: it has never been attempted, so there is nothing to roll back. It is pending and "
                            + "runs on the next migrate.",
                    Action.text("If its changes were made by hand, resolve it as "
                            + "applied: it is then recorded as applied without running."));
        }
        if (rows.isEmpty() && Adoption.mayApply(c, history, config)) {
            throw new SlipwayException(
                    SlipwayError.RESOLVE_REFUSED,
                    "Migration " + script.id() + " cannot be "
                            + "resolved yet: schema " + history.schema()
                            + " has no Slipway history, but it holds objects or "
                            + "another tool's history, which the first migrate takes over (an import or a baseline); a "
                            + "resolved migration would be taken for that history.",
                    Action.text("Run migrate first (start " + "the application once), then resolve the migration."));
        }
        history.create(c, config.createSchema());
        Lease held = lease == null ? takeLease(c, history) : lease; // the history was created just now
        Jdbc.inTransaction(c, () -> {
            held.check(c, "resolving migration " + script.id());
            history.insertRecorded(
                    c,
                    new HistoryTable.Recorded(
                            UUID.randomUUID(),
                            script.version().toString(),
                            script.name(),
                            script.checksum(),
                            script.phase().id(),
                            null,
                            null,
                            "resolved as applied by hand: recorded as applied without running (it was never attempted)",
                            null,
                            appliedBy,
                            HistoryRow.RESOLVED));
        });
        log.info(
                "Resolved migration {} as applied without running it: it was never attempted, and its changes are "
                        + "taken as made by hand",
                script.id());
    }

    /** The migrations whose versions are nearest to {@code version}, two below and two above, for a refusal. */
    private static String nearVersions(List<MigrationScript> scripts, MigrationVersion version) {
        if (scripts.isEmpty()) {
            return "no migration file was found in the configured locations";
        }
        List<String> below = scripts.stream()
                .filter(s -> s.version().compareTo(version) < 0)
                .map(MigrationScript::id)
                .toList();
        List<String> above = scripts.stream()
                .filter(s -> s.version().compareTo(version) > 0)
                .map(MigrationScript::id)
                .toList();
        List<String> near = new ArrayList<>(below.subList(Math.max(0, below.size() - 2), below.size()));
        near.addAll(above.subList(0, Math.min(2, above.size())));
        return "versions near it: " + String.join(", ", near);
    }

    /** Rolls back the applied migrations above {@code targetVersion} with their down files; see {@link RollbackRunner}. */
    public List<MigrationInfo> rollback(String targetVersion) {
        List<MigrationText> files = migrationFiles.scan();
        List<MigrationScript> scripts = parse(files);
        return withOwnSession("roll back to version " + targetVersion, c -> {
            HistoryTable history = history(c);
            RollbackRunner runner = new RollbackRunner(c, history, planner(history), config, listeners);
            return withLock(
                    c,
                    history,
                    sessionName("rollback"),
                    (settings, waited, lease) -> runner.lease(lease).rollback(targetVersion, files, scripts, settings));
        });
    }

    /**
     * A repeatable migration is never resolved: a failed attempt left nothing behind (or, outside a transaction, runs
     * again whole), so the next {@code migrate()} simply applies it again.
     */
    private static void refuseRepeatable(String version) {
        String written = version.strip();
        if (written.equals(HistoryRow.REPEATABLE) || written.startsWith("R__")) {
            throw new SlipwayException(
                    SlipwayError.RESOLVE_REFUSED,
                    "Migration " + written + " is a repeatable "
                            + "migration, which cannot be resolved: it has no version, and a failed attempt left nothing to "
                            + "settle.",
                    Action.text("Fix its file (or the cause of its error) and migrate again: a pending "
                            + "repeatable migration runs again whole, from its first statement."));
        }
    }

    /** The versioned migrations, in version order, then the repeatable ones, in description order. */
    private static List<MigrationText> all(MigrationLoader.Found found) {
        List<MigrationText> all = new ArrayList<>(found.versioned());
        all.addAll(found.repeatable());
        return all;
    }

    /** The versioned migrations, parsed: what {@code resolve} works on. */
    private List<MigrationScript> load() {
        return parse(migrationFiles.scan());
    }

    /**
     * Splits and checks the files, reusing what an earlier call parsed from the same file with the same checksum:
     * health checks and the endpoint read the status often, and the files rarely change while the application
     * runs. The files come from {@link MigrationCache}, which reads only a new or changed file, so a changed file is
     * seen at once. One call parses at a time (a large file is not split twice at once), and the earlier version
     * of a changed file is forgotten.
     */
    private List<MigrationScript> parse(List<MigrationText> files) {
        synchronized (parsed) {
            List<MigrationScript> scripts = new ArrayList<>(files.size());
            java.util.Set<String> keys = new java.util.HashSet<>();
            java.util.Set<String> sources = new java.util.HashSet<>();
            for (MigrationText file : files) {
                String key = file.source() + "\n" + file.checksum();
                keys.add(key);
                sources.add(file.source());
                MigrationScript script = parsed.get(key);
                if (script == null) {
                    script = MigrationLoader.parse(List.of(file)).get(0);
                    parsed.put(key, script);
                }
                scripts.add(script);
            }
            // an earlier version of a file that changed
            parsed.keySet()
                    .removeIf(key -> !keys.contains(key) && sources.contains(key.substring(0, key.indexOf('\n'))));
            return scripts;
        }
    }

    private HistoryTable history(Connection c) throws SQLException {
        String schema = config.schema();
        if (schema == null) {
            schema = Catalog.currentSchema(c)
                    .orElseThrow(() -> new SlipwayException(
                            SlipwayError.SCHEMA_NOT_FOUND,
                            "The connection has no current schema: no schema of its search_path exists.",
                            Action.of(
                                    "Set {} to the schema Slipway should migrate (it is created if missing), or fix the "
                                            + "search_path / currentSchema of the connection.",
                                    Setting.SCHEMA)));
        } else if (!config.createSchema() && !Catalog.schemaExists(c, schema)) {
            throw new SlipwayException(
                    SlipwayError.SCHEMA_NOT_FOUND,
                    "Schema " + schema + " does not exist and " + "creating it is turned off.",
                    Action.of(
                            "Create the schema, or let Slipway create it ({}), or set {} " + "to a schema that exists.",
                            Setting.CREATE_SCHEMA.to("true"),
                            Setting.SCHEMA));
        }
        return new HistoryTable(schema, config.table());
    }

    private MigrationPlanner planner(HistoryTable history) {
        return new MigrationPlanner(history.displayName(), config.ignoreMissing());
    }

    /** The migration session's {@code application_name}: {@code slipway <action> (<application>)}. */
    private String sessionName(String action) {
        return "slipway " + action + (config.applicationName() == null ? "" : " (" + config.applicationName() + ")");
    }

    private static List<ValidationProblem> problems(List<Entry> entries) {
        return entries.stream()
                .filter(e -> e.problem() != null)
                .map(Entry::problem)
                .toList();
    }

    private static void throwIfInvalid(List<Entry> entries) {
        List<ValidationProblem> problems = problems(entries);
        if (!problems.isEmpty()) {
            throw new MigrationValidationException(problems);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * {@link #withConnection}, refusing a transaction pooler first ({@link PoolerProbe}, checked on the first call):
     * for everything that takes the migration lock or writes a heartbeat.
     */
    private <T> T withOwnSession(String what, Work<T> work) {
        return withConnection(what, c -> {
            pooler.refuseTransactionPooler(c);
            return work.run(c);
        });
    }

    private <T> T withConnection(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseProduct.requireSupported(c);
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            try {
                return work.run(c);
            } finally {
                if (!autoCommit) {
                    try {
                        c.setAutoCommit(false);
                    } catch (SQLException e) {
                        log.debug("Could not restore the auto-commit mode of the migration connection", e);
                    }
                }
            }
        } catch (SQLException e) {
            throw new SlipwayException(
                    SlipwayError.DATABASE_ERROR,
                    "Could not " + what + ": " + e.getMessage()
                            + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"),
                    Action.text("Check that the database is reachable and that the migration login may read and "
                            + "change schema "
                            + (config.schema() == null ? "(the connection's current schema)" : config.schema()) + "."),
                    e);
        }
    }
}
