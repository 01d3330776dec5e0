package dev.slipway.migrate;

import dev.slipway.migrate.internal.engine.MigrationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Entry point of Slipway: applies, inspects, validates and resolves the migrations of one PostgreSQL schema.
 *
 * <pre>{@code
 * Slipway slipway = Slipway.builder(dataSource)
 *         .config(SlipwayConfig.builder().locations("classpath:db/migrations").build())
 *         .build();
 * slipway.migrate();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. Several instances, in one JVM or across a fleet, may call
 * {@link #migrate()} at the same time: a PostgreSQL advisory lock lets one migrate while the others wait and
 * then find nothing left to do.
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
     * Applies every pending migration, in version order, under the migration lock. All files are read and
     * checked first; a failed, modified or missing migration stops it before anything runs.
     *
     * @throws InvalidMigrationException when a migration file is malformed
     * @throws MigrationValidationException when history and files disagree
     * @throws MigrationFailedException when a migration fails
     * @throws LockWaitTimeoutException when another instance held the lock for too long
     */
    public MigrateResult migrate() {
        return engine.migrate();
    }

    /** Every migration with its state, and who holds the migration lock right now. Changes nothing. */
    public MigrationStatus status() {
        return engine.status();
    }

    /** Checks files against history (modified, missing, failed migrations). Changes nothing. */
    public ValidationResult validate() {
        return engine.validate();
    }

    /**
     * Settles a failed or interrupted migration, keeping the record of the failure: {@link Resolution#APPLIED}
     * when its changes were completed by hand, {@link Resolution#ROLLED_BACK} when they were undone so that it
     * runs again.
     *
     * @param version the migration's version, as shown by {@link #status()}
     * @return the migration in its new state
     */
    public MigrationInfo resolve(String version, Resolution resolution) {
        Objects.requireNonNull(version, "'version' must not be null");
        Objects.requireNonNull(resolution, "'resolution' must not be null");
        return engine.resolve(version, resolution);
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
