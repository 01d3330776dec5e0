package dev.slipway.migrate;

import dev.slipway.migrate.internal.lint.LintStartAfter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Immutable configuration of a {@link Slipway} instance. Every default is a named constant here so that
 * other front ends (the Spring Boot properties, a CLI) share it.
 */
public final class SlipwayConfig {

    /** Where migrations are read from unless configured otherwise. */
    public static final String DEFAULT_LOCATION = "classpath:db/migrations";
    /** Name of the history table. */
    public static final String DEFAULT_TABLE = "slipway_migrations";
    /** How long {@code migrate()} waits for another instance that holds the migration lock. */
    public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofMinutes(10);
    /** How often the migration lock is polled while another instance holds it. */
    public static final Duration DEFAULT_LOCK_POLL_INTERVAL = Duration.ofMillis(500);
    /** {@code lock_timeout} of every migration session: how long one DDL statement may queue for a lock. */
    public static final Duration DEFAULT_DDL_LOCK_TIMEOUT = Duration.ofSeconds(1);
    /** {@code statement_timeout} of every migration session. */
    public static final Duration DEFAULT_DDL_STATEMENT_TIMEOUT = Duration.ofHours(1);
    /**
     * How long a migration keeps retrying after {@code lock_timeout} before it fails: long enough to outlast
     * a transaction of a few minutes that holds a conflicting lock.
     */
    public static final Duration DEFAULT_DDL_RETRY_BUDGET = Duration.ofMinutes(10);
    /** Upper bound of the first back-off after a lock timeout (full jitter: the sleep is random below it). */
    public static final Duration DEFAULT_DDL_RETRY_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** Upper bound that the exponentially growing back-off never exceeds. */
    public static final Duration DEFAULT_DDL_RETRY_MAX_BACKOFF = Duration.ofSeconds(10);
    /** Whether applied migrations whose files are gone are ignored instead of failing validation. */
    public static final boolean DEFAULT_IGNORE_MISSING = false;
    /** Whether a configured schema that does not exist is created. */
    public static final boolean DEFAULT_CREATE_SCHEMA = true;
    /** What {@code migrate()} does with the linter's findings on the pending migrations: refuse to run on errors. */
    public static final LintMode DEFAULT_LINT_MODE = LintMode.FAIL;
    /** The lint baseline: none, every pending migration is linted. */
    public static final String DEFAULT_LINT_START_AFTER = null;
    /** Whether another tool's history is imported on the first start: yes. */
    public static final AdoptMode DEFAULT_ADOPT_MODE = AdoptMode.AUTO;
    /** The table in which Flyway keeps its history, Flyway's own default. */
    public static final String DEFAULT_FLYWAY_TABLE = "flyway_schema_history";
    /** No baseline: a schema holding tables but no history is refused. */
    public static final String DEFAULT_BASELINE_VERSION = null;
    /**
     * How often a running instance calls {@code heartbeat()}; an instance that misses three heartbeats in a row no
     * longer counts as live, so contract migrations stop waiting for it.
     */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

    private final List<String> locations;
    private final String schema;
    private final String table;
    private final Duration lockWaitTimeout;
    private final Duration lockPollInterval;
    private final Duration ddlLockTimeout;
    private final Duration ddlStatementTimeout;
    private final Duration ddlRetryBudget;
    private final Duration ddlRetryInitialBackoff;
    private final Duration ddlRetryMaxBackoff;
    private final boolean ignoreMissing;
    private final boolean createSchema;
    private final String applicationName;
    private final LintMode lintMode;
    private final String lintStartAfter;
    private final Duration heartbeatInterval;
    private final AdoptMode adoptMode;
    private final String flywayTable;
    private final String baselineVersion;

    private SlipwayConfig(Builder b) {
        this.locations = List.copyOf(b.locations);
        this.schema = b.schema;
        this.table = b.table;
        this.lockWaitTimeout = b.lockWaitTimeout;
        this.lockPollInterval = b.lockPollInterval;
        this.ddlLockTimeout = b.ddlLockTimeout;
        this.ddlStatementTimeout = b.ddlStatementTimeout;
        this.ddlRetryBudget = b.ddlRetryBudget;
        this.ddlRetryInitialBackoff = b.ddlRetryInitialBackoff;
        this.ddlRetryMaxBackoff = b.ddlRetryMaxBackoff;
        this.ignoreMissing = b.ignoreMissing;
        this.createSchema = b.createSchema;
        this.applicationName = b.applicationName;
        this.lintMode = b.lintMode;
        this.lintStartAfter = b.lintStartAfter;
        this.heartbeatInterval = b.heartbeatInterval;
        this.adoptMode = b.adoptMode;
        this.flywayTable = b.flywayTable;
        this.baselineVersion = b.baselineVersion;
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static SlipwayConfig defaults() {
        return builder().build();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.locations = locations;
        b.schema = schema;
        b.table = table;
        b.lockWaitTimeout = lockWaitTimeout;
        b.lockPollInterval = lockPollInterval;
        b.ddlLockTimeout = ddlLockTimeout;
        b.ddlStatementTimeout = ddlStatementTimeout;
        b.ddlRetryBudget = ddlRetryBudget;
        b.ddlRetryInitialBackoff = ddlRetryInitialBackoff;
        b.ddlRetryMaxBackoff = ddlRetryMaxBackoff;
        b.ignoreMissing = ignoreMissing;
        b.createSchema = createSchema;
        b.applicationName = applicationName;
        b.lintMode = lintMode;
        b.lintStartAfter = lintStartAfter;
        b.heartbeatInterval = heartbeatInterval;
        b.adoptMode = adoptMode;
        b.flywayTable = flywayTable;
        b.baselineVersion = baselineVersion;
        return b;
    }

    /** Locations to read migrations from, {@code classpath:} or {@code filesystem:}; merged in order. */
    public List<String> locations() {
        return locations;
    }

    /** Schema of the history table and first entry of the migrations' search path; null for the current schema. */
    public String schema() {
        return schema;
    }

    /** Name of the history table. */
    public String table() {
        return table;
    }

    /** How long to wait for the migration lock held by another instance. */
    public Duration lockWaitTimeout() {
        return lockWaitTimeout;
    }

    /** How often to poll the migration lock while waiting. */
    public Duration lockPollInterval() {
        return lockPollInterval;
    }

    /** {@code lock_timeout} of migration sessions. */
    public Duration ddlLockTimeout() {
        return ddlLockTimeout;
    }

    /** {@code statement_timeout} of migration sessions; zero for none. */
    public Duration ddlStatementTimeout() {
        return ddlStatementTimeout;
    }

    /** Total time a migration may spend retrying after lock timeouts. */
    public Duration ddlRetryBudget() {
        return ddlRetryBudget;
    }

    /** Cap of the first back-off after a lock timeout. */
    public Duration ddlRetryInitialBackoff() {
        return ddlRetryInitialBackoff;
    }

    /** Cap of every back-off after a lock timeout. */
    public Duration ddlRetryMaxBackoff() {
        return ddlRetryMaxBackoff;
    }

    /**
     * Whether applied migrations without a file ({@link MigrationState#MISSING}) are ignored. Expand migrations from
     * the future ({@link MigrationState#FUTURE}, above the newest file) never need it: they are no problem. A contract
     * migration from the future is refused whatever this says (see {@link MigrationState#FUTURE}).
     */
    public boolean ignoreMissing() {
        return ignoreMissing;
    }

    /** Whether the configured schema is created when it does not exist. */
    public boolean createSchema() {
        return createSchema;
    }

    /** Application name recorded in {@code applied_by} and set as the migration sessions' {@code application_name}; may be null. */
    public String applicationName() {
        return applicationName;
    }

    /**
     * What {@code migrate()} does with the linter's findings on the pending migrations, before it applies any:
     * {@link LintMode#FAIL} refuses to migrate when an error is found (a {@link MigrationLintException}),
     * {@link LintMode#WARN} logs every finding, {@link LintMode#OFF} does not lint.
     */
    public LintMode lintMode() {
        return lintMode;
    }

    /**
     * The lint baseline: the version up to which (inclusive) migrations are never linted, or null (the default) to
     * lint every pending migration. A team adopting Slipway sets it to its newest existing migration, so that only
     * what it writes from then on is linted and the files already applied stay as they are (their checksums too).
     * Migrations up to this version are still read for what they tell the linter about the schema (column types);
     * only their findings are left out. Versions are ordered numerically, so it need not be the version of a file;
     * a version above every migration lints none, and is logged as a warning.
     */
    public String lintStartAfter() {
        return lintStartAfter;
    }

    /**
     * How often the instance heartbeats into {@code slipway_instances}: each {@code heartbeat()} keeps it live for
     * three intervals from then (by the database's clock).
     */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /**
     * Whether a schema without Slipway history but with another tool's (Flyway's table, see {@link #flywayTable()},
     * or Prisma's {@code _prisma_migrations}) has that history imported on the first {@code migrate()}:
     * {@link AdoptMode#AUTO} by default.
     */
    public AdoptMode adoptMode() {
        return adoptMode;
    }

    /**
     * The name of Flyway's history table, looked for in the schema Slipway migrates: {@code flyway_schema_history}
     * unless Flyway was configured with another {@code table}.
     */
    public String flywayTable() {
        return flywayTable;
    }

    /**
     * The baseline of a schema built without history ({@code schema.sql}, Hibernate's {@code ddl-auto}, psql): on
     * the first {@code migrate()} over a schema that holds tables but has no history, every migration up to this
     * version (inclusive) is recorded as {@link MigrationState#BASELINE} without running, and only the ones after it
     * run. Null (the default): such a schema is refused. It does nothing on an empty schema (every migration runs)
     * nor once a history exists, so it may stay configured.
     */
    public String baselineVersion() {
        return baselineVersion;
    }

    /** Builder of {@link SlipwayConfig}; starts with every default. */
    public static final class Builder {

        private List<String> locations = List.of(DEFAULT_LOCATION);
        private String schema;
        private String table = DEFAULT_TABLE;
        private Duration lockWaitTimeout = DEFAULT_LOCK_WAIT_TIMEOUT;
        private Duration lockPollInterval = DEFAULT_LOCK_POLL_INTERVAL;
        private Duration ddlLockTimeout = DEFAULT_DDL_LOCK_TIMEOUT;
        private Duration ddlStatementTimeout = DEFAULT_DDL_STATEMENT_TIMEOUT;
        private Duration ddlRetryBudget = DEFAULT_DDL_RETRY_BUDGET;
        private Duration ddlRetryInitialBackoff = DEFAULT_DDL_RETRY_INITIAL_BACKOFF;
        private Duration ddlRetryMaxBackoff = DEFAULT_DDL_RETRY_MAX_BACKOFF;
        private boolean ignoreMissing = DEFAULT_IGNORE_MISSING;
        private boolean createSchema = DEFAULT_CREATE_SCHEMA;
        private String applicationName;
        private LintMode lintMode = DEFAULT_LINT_MODE;
        private String lintStartAfter = DEFAULT_LINT_START_AFTER;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private AdoptMode adoptMode = DEFAULT_ADOPT_MODE;
        private String flywayTable = DEFAULT_FLYWAY_TABLE;
        private String baselineVersion = DEFAULT_BASELINE_VERSION;

        private Builder() {}

        /** Sets {@link SlipwayConfig#locations()}. */
        public Builder locations(String... locations) {
            return locations(List.of(requireNonNull(locations, "locations")));
        }

        /** Sets {@link SlipwayConfig#locations()}. */
        public Builder locations(List<String> locations) {
            requireNonNull(locations, "locations");
            if (locations.isEmpty()) {
                throw new IllegalArgumentException("'locations' must not be empty");
            }
            for (String location : locations) {
                if (location == null || location.isBlank()) {
                    throw new IllegalArgumentException("'locations' must not contain a blank location");
                }
            }
            this.locations = List.copyOf(locations);
            return this;
        }

        /** Sets {@link SlipwayConfig#schema()}. */
        public Builder schema(String schema) {
            this.schema = (schema == null || schema.isBlank()) ? null : requireIdentifier(schema, "schema");
            return this;
        }

        /** Sets {@link SlipwayConfig#table()}. */
        public Builder table(String table) {
            this.table = requireIdentifier(requireText(table, "table"), "table");
            return this;
        }

        /** Sets {@link SlipwayConfig#lockWaitTimeout()}. */
        public Builder lockWaitTimeout(Duration timeout) {
            this.lockWaitTimeout = requireNotNegative(timeout, "lockWaitTimeout");
            return this;
        }

        /** Sets {@link SlipwayConfig#lockPollInterval()}. */
        public Builder lockPollInterval(Duration interval) {
            this.lockPollInterval = requirePositive(interval, "lockPollInterval");
            return this;
        }

        /** Sets {@link SlipwayConfig#ddlLockTimeout()}. */
        public Builder ddlLockTimeout(Duration timeout) {
            this.ddlLockTimeout = requireNotNegative(timeout, "ddlLockTimeout");
            return this;
        }

        /** Sets {@link SlipwayConfig#ddlStatementTimeout()}. */
        public Builder ddlStatementTimeout(Duration timeout) {
            this.ddlStatementTimeout = requireNotNegative(timeout, "ddlStatementTimeout");
            return this;
        }

        /** Sets {@link SlipwayConfig#ddlRetryBudget()}. */
        public Builder ddlRetryBudget(Duration budget) {
            this.ddlRetryBudget = requireNotNegative(budget, "ddlRetryBudget");
            return this;
        }

        /** Sets {@link SlipwayConfig#ddlRetryInitialBackoff()}. */
        public Builder ddlRetryInitialBackoff(Duration backoff) {
            this.ddlRetryInitialBackoff = requirePositive(backoff, "ddlRetryInitialBackoff");
            return this;
        }

        /** Sets {@link SlipwayConfig#ddlRetryMaxBackoff()}. */
        public Builder ddlRetryMaxBackoff(Duration backoff) {
            this.ddlRetryMaxBackoff = requirePositive(backoff, "ddlRetryMaxBackoff");
            return this;
        }

        /** Sets {@link SlipwayConfig#ignoreMissing()}. */
        public Builder ignoreMissing(boolean ignoreMissing) {
            this.ignoreMissing = ignoreMissing;
            return this;
        }

        /** Sets {@link SlipwayConfig#createSchema()}. */
        public Builder createSchema(boolean createSchema) {
            this.createSchema = createSchema;
            return this;
        }

        /** Sets {@link SlipwayConfig#applicationName()}. */
        public Builder applicationName(String applicationName) {
            this.applicationName = (applicationName == null || applicationName.isBlank()) ? null : applicationName;
            return this;
        }

        /** Sets {@link SlipwayConfig#lintMode()}. */
        public Builder lintMode(LintMode lintMode) {
            this.lintMode = requireNonNull(lintMode, "lintMode");
            return this;
        }

        /**
         * Sets {@link SlipwayConfig#lintStartAfter()}; null or blank for none.
         *
         * @param version a migration version: {@code 20240101000000} (of a folder
         *     {@code 20240101000000_create_users}) or {@code 2.1} (of a Flyway file {@code V2.1__add_email.sql})
         * @throws IllegalArgumentException when {@code version} is not a migration version
         */
        public Builder lintStartAfter(String version) {
            this.lintStartAfter = LintStartAfter.check(version, "lintStartAfter");
            return this;
        }

        /** Sets {@link SlipwayConfig#heartbeatInterval()}. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = requirePositive(interval, "heartbeatInterval");
            return this;
        }

        /** Sets {@link SlipwayConfig#adoptMode()}. */
        public Builder adoptMode(AdoptMode adoptMode) {
            this.adoptMode = requireNonNull(adoptMode, "adoptMode");
            return this;
        }

        /** Sets {@link SlipwayConfig#flywayTable()}. */
        public Builder flywayTable(String flywayTable) {
            this.flywayTable = requireIdentifier(requireText(flywayTable, "flywayTable"), "flywayTable");
            return this;
        }

        /**
         * Sets {@link SlipwayConfig#baselineVersion()}; null or blank for none.
         *
         * @param version a migration version: {@code 20240101000000} or {@code 2.1}
         * @throws IllegalArgumentException when {@code version} is not a migration version
         */
        public Builder baselineVersion(String version) {
            this.baselineVersion = LintStartAfter.check(version, "baselineVersion");
            return this;
        }

        /** The configuration; refuses a maximum back-off shorter than the initial one. */
        public SlipwayConfig build() {
            if (ddlRetryMaxBackoff.compareTo(ddlRetryInitialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "'ddlRetryMaxBackoff' must not be shorter than 'ddlRetryInitialBackoff'");
            }
            return new SlipwayConfig(this);
        }

        private static <T> T requireNonNull(T value, String name) {
            return Objects.requireNonNull(value, "'" + name + "' must not be null");
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("'" + name + "' must not be empty");
            }
            return value;
        }

        /** PostgreSQL silently truncates longer names, after which Slipway would not find its own table. */
        private static String requireIdentifier(String value, String name) {
            if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
                throw new IllegalArgumentException(
                        "'" + name + "' must be at most 63 bytes long, PostgreSQL's limit for " + "names: " + value);
            }
            return value;
        }

        private static Duration requireNotNegative(Duration value, String name) {
            requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException("'" + name + "' must not be negative");
            }
            return value;
        }

        private static Duration requirePositive(Duration value, String name) {
            requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("'" + name + "' must be positive");
            }
            return value;
        }
    }
}
