package dev.slipway.migrate;

import dev.slipway.migrate.internal.engine.MigrationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Entry point of Slipway: applies, inspects, validates, resolves and rolls back the migrations of one PostgreSQL
 * schema.
 *
 * <pre>{@code
 * Slipway slipway = Slipway.builder(dataSource)
 *         .config(SlipwayConfig.builder().locations("classpath:db/migrations").build())
 *         .build();
 * slipway.migrate();
 * }</pre>
 *
 * <p>Instances are thread-safe. Several instances, in one JVM or across a fleet, may call {@link #migrate()} and
 * {@link #contract()} at the same time: a PostgreSQL advisory lock lets one migrate while the others wait and then
 * find nothing left to do.
 *
 * <p>Expand and contract: {@link #migrate()} applies expand migrations only, at startup. Contract migrations
 * ({@code -- slipway:phase contract}) wait until the backfills they require are complete and no live instance of
 * the fleet still runs an older version; {@link #contract()} applies them then, and is meant to be called
 * periodically in the background. Each running instance calls {@link #heartbeat()} every
 * {@link SlipwayConfig#heartbeatInterval()} so that the fleet knows which versions are live, and {@link #leave()}
 * when it shuts down cleanly.
 */
public final class Slipway {

    private final SlipwayConfig config;
    private final MigrationEngine engine;

    private Slipway(Builder builder) {
        this.config = builder.config;
        this.engine = new MigrationEngine(builder.dataSource, builder.config, builder.listeners, builder.classLoader);
    }

    /** Starts building a Slipway over the given data source; the migration login must be allowed to run DDL. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Applies every pending expand migration, in version order, under the migration lock. All files are read and
     * checked first; a failed, modified or missing migration stops it before anything runs.
     *
     * <p>Contract migrations are left pending for {@link #contract()}, and a pending contract migration does not
     * stop the expand migrations after it: with expand 1, contract 2 and expand 3 pending, {@code migrate()}
     * applies 1 and 3, and {@code contract()} applies 2 once its conditions hold. A restart where only contract
     * migrations are pending returns at once, without parsing SQL or taking the lock.
     *
     * <p>Repeatable migrations ({@code R__<description>.sql}) that are new or changed since their latest apply run
     * after the pending expand migrations, in description order, each in its own transaction with its history row;
     * one whose file is gone is left alone ({@link MigrationState#MISSING}, no problem).
     *
     * <p>Expand migrations applied by a newer version of the application ({@link MigrationState#FUTURE}: above the
     * newest file of this one, as for an older instance during a rolling release) are left alone and logged once;
     * they do not stop it. A contract migration applied by a newer version does: this older version's code may use
     * what it removed.
     *
     * @throws InvalidMigrationException when a migration file is malformed
     * @throws MigrationValidationException when history and files disagree
     * @throws MigrationFailedException when a migration fails
     * @throws LockWaitTimeoutException when another instance held the lock for too long
     */
    public MigrateResult migrate() {
        return engine.migrate();
    }

    /**
     * Applies the pending contract migrations whose conditions hold, in version order, under the same migration
     * lock as {@link #migrate()} (taken only when one may run; the conditions are checked again under it). A
     * pending contract migration runs when:
     * <ol>
     *   <li>every migration with a lower version is applied: expand migrations by {@code migrate()}, and earlier
     *       contract migrations (once one contract migration must wait, every later one waits for it);</li>
     *   <li>every backfill named by its {@code -- slipway:requires-backfill} is {@code COMPLETED} in
     *       {@code slipway_backfills};</li>
     *   <li>every live instance in {@code slipway_instances} ships it: its newest migration is at least as
     *       high.</li>
     * </ol>
     * Each runs exactly as an expand migration would (transaction or statement by statement, lock timeouts and
     * retries, history row). What a waiting migration waits for is logged at INFO when it changed since this
     * object last logged it, so calling this every few seconds stays quiet.
     *
     * @return the migrations applied and those still awaiting
     * @throws InvalidMigrationException when a migration file is malformed
     * @throws MigrationValidationException when history and files disagree
     * @throws MigrationLintException when the linter finds errors in a migration about to run (lint mode fail)
     * @throws MigrationFailedException when a migration fails
     * @throws LockWaitTimeoutException when another instance held the lock for too long
     */
    public ContractResult contract() {
        return engine.contract();
    }

    /**
     * Registers this object in {@code slipway_instances}, or refreshes its registration: it counts as live for
     * three {@link SlipwayConfig#heartbeatInterval()}s from now, by the database's clock, and records the newest
     * migration among its files. Creates the table when it is missing, and deletes the rows of instances that
     * expired more than a day ago. Call it every heartbeat interval while the application runs.
     */
    public void heartbeat() {
        engine.heartbeat();
    }

    /**
     * Deletes this object's row from {@code slipway_instances}, so that contract migrations stop waiting for it
     * at once rather than when its registration expires. Call it on clean shutdown; a later {@link #heartbeat()}
     * registers it again.
     */
    public void leave() {
        engine.leave();
    }

    /**
     * The live instances registered in {@code slipway_instances} for this history table, first started first;
     * empty when none has heartbeated yet.
     */
    public List<InstanceInfo> instances() {
        return engine.instances();
    }

    /** This object's id in {@code slipway_instances}: a random UUID, one per {@code Slipway} object. */
    public String instanceId() {
        return engine.instanceId();
    }

    /**
     * Every migration with its state, and who holds the migration lock right now. A pending contract migration
     * whose conditions do not hold (see {@link #contract()}) is {@link MigrationState#AWAITING}, with
     * {@link MigrationInfo#awaitingReason()}. With them, the problems {@link #validate()} would find
     * ({@link MigrationStatus#problems()}), from the same read of the files and the history. Changes nothing.
     */
    public MigrationStatus status() {
        return engine.status();
    }

    /**
     * Checks files against history (modified, missing, failed migrations, contract migrations applied by a newer
     * version of the application). Changes nothing. Expand migrations applied by a newer version
     * ({@link MigrationState#FUTURE}) are no problem.
     */
    public ValidationResult validate() {
        return engine.validate();
    }

    /**
     * Settles a failed or interrupted migration, keeping the record of the failure: {@link Resolution#APPLIED}
     * when its changes were completed by hand, {@link Resolution#ROLLED_BACK} when they were undone so that it
     * runs again. A pending migration that was never attempted can be resolved as {@link Resolution#APPLIED} too
     * (its changes were made by hand, e.g. a hotfix): it is recorded as applied without running, as Prisma's
     * {@code migrate resolve --applied} does.
     *
     * @param version the migration's version, as shown by {@link #status()}
     * @return the migration in its new state
     * @throws SlipwayException when the migration cannot be resolved: it did not fail, or it is a repeatable
     *     migration (which a failure leaves to run again whole on the next {@link #migrate()})
     */
    public MigrationInfo resolve(String version, Resolution resolution) {
        Objects.requireNonNull(version, "'version' must not be null");
        Objects.requireNonNull(resolution, "'resolution' must not be null");
        return engine.resolve(version, resolution);
    }

    /**
     * Records a baseline on a schema that Slipway has no history for yet (built with {@code schema.sql}, Hibernate's
     * {@code ddl-auto} or psql): every migration up to and including {@code version} is recorded as
     * {@link MigrationState#BASELINE} without running, and the later ones stay pending for {@link #migrate()}. Unlike
     * {@link SlipwayConfig#baselineVersion()}, which acts on the first {@code migrate()} and only when the schema holds
     * objects, it runs nothing and records the baseline whatever the schema holds. Runs under the migration lock.
     *
     * @param version a migration version ({@code 20240101000000}, {@code 2.1}); it need not be one of a file
     * @return the migrations recorded as baseline, in version order
     * @throws IllegalArgumentException when {@code version} is not a migration version
     * @throws SlipwayException when the history already has a row, or no migration file is at or below the version
     *     (nothing is recorded)
     * @throws LockWaitTimeoutException when another instance held the migration lock for too long
     */
    public List<MigrationInfo> baseline(String version) {
        Objects.requireNonNull(version, "'version' must not be null");
        return engine.baseline(version);
    }

    /**
     * What importing another tool's history (Flyway's table, Prisma's {@code _prisma_migrations}) would record, as the
     * first {@link #migrate()} imports it: the rows, with the source row of each and its checksum check, or every
     * problem that refuses the import, each with what to do. Writes nothing and takes no lock.
     */
    public AdoptionPlan adoptionPlan() {
        return engine.adoptionPlan();
    }

    /**
     * Imports another tool's history now, under the migration lock, as the first {@link #migrate()} would, without
     * running any migration: every row of the plan is recorded as {@link MigrationState#BASELINE}, in one
     * transaction. Nothing is written unless the plan, made again under the lock, is
     * {@link AdoptionPlan.Result#IMPORT}.
     *
     * @return the plan carried out, or the reason nothing was imported ({@link AdoptionPlan#result()})
     * @throws LockWaitTimeoutException when another instance held the migration lock for too long
     */
    public AdoptionPlan adopt() {
        return engine.adopt();
    }

    /**
     * Rolls back, for development, every applied migration whose version is greater than {@code targetVersion},
     * newest first, by running the {@code down.sql} in its folder. Each rolled-back migration shows as
     * {@link MigrationState#ROLLED_BACK}, and the next {@link #migrate()} applies it again.
     *
     * <p>It runs under the migration lock, with the same lock and statement timeouts and the same retries on lock
     * conflicts as {@link #migrate()}. A down file runs in one transaction together with marking its migration
     * rolled back, unless a statement cannot run in a transaction ({@code DROP INDEX CONCURRENTLY}): then it runs
     * statement by statement, and after a failure the next rollback runs it again from its first statement, so
     * such down files should use {@code IF EXISTS}. Nothing runs when a migration to roll back has no
     * {@code down.sql} (Flyway-style files never have one) or a malformed one, or while the history has a failed,
     * interrupted, modified or missing migration.
     *
     * <p>Meant for development: rolling back drops what the migrations created, data included, so do not call it
     * on a production database.
     *
     * @param targetVersion the version of the newest migration to keep (a migration on disk or in the history),
     *     or {@code "0"} to roll back every migration
     * @return the rolled-back migrations in their new state, in the order they were rolled back (newest first);
     *     empty when no applied migration is above the target
     * @throws SlipwayException when the target is unknown, a down file is missing, or the history must be settled
     *     first (in each case nothing is rolled back)
     * @throws InvalidMigrationException when a migration or down file is malformed (nothing is rolled back)
     * @throws MigrationFailedException when a statement of a down file fails; migrations rolled back before it
     *     stay rolled back
     * @throws LockWaitTimeoutException when another instance held the migration lock for too long
     */
    public List<MigrationInfo> rollback(String targetVersion) {
        Objects.requireNonNull(targetVersion, "'targetVersion' must not be null");
        return engine.rollback(targetVersion);
    }

    /** The configuration this instance runs with. */
    public SlipwayConfig config() {
        return config;
    }

    /** Builder of {@link Slipway}. */
    public static final class Builder {

        private final DataSource dataSource;
        private SlipwayConfig config = SlipwayConfig.defaults();
        private final List<SlipwayListener> listeners = new ArrayList<>();
        private ClassLoader classLoader;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "'dataSource' must not be null");
        }

        /** The configuration; defaults to {@link SlipwayConfig#defaults()}. */
        public Builder config(SlipwayConfig config) {
            this.config = Objects.requireNonNull(config, "'config' must not be null");
            return this;
        }

        /** Adds a listener for migration events. */
        public Builder listener(SlipwayListener listener) {
            listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
            return this;
        }

        /** The class loader for {@code classpath:} locations; defaults to the thread's context class loader. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "'classLoader' must not be null");
            return this;
        }

        public Slipway build() {
            if (classLoader == null) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                classLoader = context != null ? context : Slipway.class.getClassLoader();
            }
            return new Slipway(this);
        }
    }
}
