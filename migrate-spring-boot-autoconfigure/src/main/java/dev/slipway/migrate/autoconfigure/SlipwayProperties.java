package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.AdoptMode;
import dev.slipway.migrate.LintMode;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.backfill.BackfillConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of Slipway, bound from {@code slipway.*}. Every default is the core default
 * from {@link SlipwayConfig}, so the Spring Boot integration and plain Java behave the same.
 */
@ConfigurationProperties("slipway")
public class SlipwayProperties {

    /**
     * Whether to enable Slipway and apply pending migrations at startup.
     */
    private boolean enabled = true;

    /**
     * Locations of migrations, "classpath:" or "filesystem:"; migrations of all locations are merged in
     * version order.
     */
    private List<String> locations = new ArrayList<>(List.of(SlipwayConfig.DEFAULT_LOCATION));

    /**
     * Schema of the history table, put first on the search path of every migration. Defaults to the
     * connection's current schema.
     */
    private String schema;

    /**
     * Name of the history table.
     */
    private String table = SlipwayConfig.DEFAULT_TABLE;

    /**
     * Whether to create the configured schema when it does not exist.
     */
    private boolean createSchema = SlipwayConfig.DEFAULT_CREATE_SCHEMA;

    private final Datasource datasource = new Datasource();

    private final Lock lock = new Lock();

    private final Ddl ddl = new Ddl();

    private final Validate validate = new Validate();

    private final Lint lint = new Lint();

    private final Backfill backfill = new Backfill();

    private final Contract contract = new Contract();

    private final Instances instances = new Instances();

    private Adopt adopt = new Adopt();

    private final Baseline baseline = new Baseline();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getLocations() {
        return this.locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getSchema() {
        return this.schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getTable() {
        return this.table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public boolean isCreateSchema() {
        return this.createSchema;
    }

    public void setCreateSchema(boolean createSchema) {
        this.createSchema = createSchema;
    }

    public Datasource getDatasource() {
        return this.datasource;
    }

    public Lock getLock() {
        return this.lock;
    }

    public Ddl getDdl() {
        return this.ddl;
    }

    public Validate getValidate() {
        return this.validate;
    }

    public Lint getLint() {
        return this.lint;
    }

    public Backfill getBackfill() {
        return this.backfill;
    }

    public Contract getContract() {
        return this.contract;
    }

    public Instances getInstances() {
        return this.instances;
    }

    public Adopt getAdopt() {
        return this.adopt;
    }

    /**
     * Sets the adoption settings: also what the shorthand {@code slipway.adopt=off} binds to, through
     * {@link Adopt#Adopt(String)}.
     * @param adopt the adoption settings
     */
    public void setAdopt(Adopt adopt) {
        this.adopt = adopt;
    }

    public Baseline getBaseline() {
        return this.baseline;
    }

    /**
     * Taking over a schema whose history another tool kept: Flyway's {@code flyway_schema_history} or Prisma's
     * {@code _prisma_migrations}, imported on the first start when Slipway's own history is empty.
     *
     * <p>{@code slipway.adopt=off} is short for {@code slipway.adopt.mode=off}: a plain value binds through
     * {@link #Adopt(String)}, and {@code slipway.adopt.flyway-table} set beside it is bound too (see
     * {@code AdoptPropertyBinding}); a shorthand and a {@code slipway.adopt.mode} that disagree end startup.
     */
    public static class Adopt {

        /**
         * Whether a schema without Slipway's history but with another tool's (Flyway's table, Prisma's
         * _prisma_migrations) has that history imported on the first start: 'auto' imports it (every migration it
         * applied recorded as BASELINE, nothing run), 'off' treats the schema as one built without history, which
         * then needs slipway.baseline.version. 'slipway.adopt=off' is short for this.
         */
        private AdoptMode mode = SlipwayConfig.DEFAULT_ADOPT_MODE;

        /**
         * Name of Flyway's history table in the schema Slipway migrates, when Flyway was configured with another
         * 'table' than its default.
         */
        private String flywayTable = SlipwayConfig.DEFAULT_FLYWAY_TABLE;

        /**
         * Every default.
         */
        public Adopt() {}

        /**
         * The shorthand {@code slipway.adopt=<mode>}: {@code auto} or {@code off} (any case; {@code false}, which
         * YAML makes of an unquoted {@code off}, is {@code off}).
         * @param mode the mode
         * @throws IllegalArgumentException when it is neither
         */
        public Adopt(String mode) {
            this.mode = parseMode(mode);
        }

        static AdoptMode parseMode(String mode) {
            String value = (mode != null) ? mode.strip().toLowerCase(java.util.Locale.ROOT) : "";
            for (AdoptMode candidate : AdoptMode.values()) {
                if (candidate.id().equals(value)) {
                    return candidate;
                }
            }
            if ("false".equals(value)) {
                return AdoptMode.OFF;
            }
            throw new IllegalArgumentException("slipway.adopt must be 'auto' or 'off', not '" + mode + "'");
        }

        public AdoptMode getMode() {
            return this.mode;
        }

        public void setMode(AdoptMode mode) {
            this.mode = mode;
        }

        public String getFlywayTable() {
            return this.flywayTable;
        }

        public void setFlywayTable(String flywayTable) {
            this.flywayTable = flywayTable;
        }

        @Override
        public String toString() {
            return "Adopt[mode=" + this.mode + ", flywayTable=" + this.flywayTable + "]";
        }
    }

    /**
     * The baseline of a schema built without migration history ({@code schema.sql}, Hibernate's {@code ddl-auto},
     * psql).
     */
    public static class Baseline {

        /**
         * Version up to which the migrations are already in a schema that holds tables but no history, e.g.
         * 20240301000000 (of the folder 20240301000000_add_email) or 2.1 (of V2.1__add_email.sql): on the first
         * start, every migration up to it (inclusive) is recorded as BASELINE without running, and only the later
         * ones run. Does nothing on an empty schema or once a history exists, so it may stay set. Unset: such a
         * schema ends startup.
         */
        private String version = SlipwayConfig.DEFAULT_BASELINE_VERSION;

        public String getVersion() {
            return this.version;
        }

        public void setVersion(String version) {
            try {
                this.version =
                        SlipwayConfig.builder().baselineVersion(version).build().baselineVersion();
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(
                        "slipway.baseline.version must be the version of a migration:"
                                + " digits, optionally separated by '.' or '_', as in a folder name (20240101000000 of"
                                + " 20240101000000_create_users) or a Flyway file name (2.1 of V2.1__add_email.sql); '"
                                + version + "' is not one",
                        ex);
            }
        }
    }

    /**
     * Contract migrations ({@code -- slipway:phase contract}): destructive changes that never run at startup, and
     * apply once every backfill they require is complete and no instance of an older version runs.
     */
    public static class Contract {

        /**
         * When this application applies pending contract migrations: 'auto' in the background as soon as their
         * conditions hold (checked every heartbeat interval), 'manual' only on POST
         * /actuator/slipway/migrations/contract, 'off' never.
         */
        private ContractMode mode = ContractMode.AUTO;

        public ContractMode getMode() {
            return this.mode;
        }

        public void setMode(ContractMode mode) {
            this.mode = mode;
        }
    }

    /**
     * The instance registry {@code slipway_instances}, in which every running instance records the newest migration
     * it ships, so that contract migrations wait for instances of older versions to stop.
     */
    public static class Instances {

        /**
         * How often this instance refreshes its row in slipway_instances (and, in contract mode 'auto', checks the
         * pending contract migrations). An instance is considered gone after three intervals without a heartbeat.
         */
        private Duration heartbeatInterval = SlipwayConfig.DEFAULT_HEARTBEAT_INTERVAL;

        public Duration getHeartbeatInterval() {
            return this.heartbeatInterval;
        }

        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }
    }

    /**
     * A login of its own for the migrations, so that DDL runs with a privileged role while the application's
     * connection pool keeps its own, less privileged one.
     */
    public static class Datasource {

        /**
         * JDBC URL of the database to migrate through a connection of Slipway's own. When not set, Slipway
         * uses the application's DataSource, or its URL when a username or password is set here.
         */
        private String url;

        /**
         * Login role that runs the migrations, typically the owner of the schema. When set without a URL,
         * Slipway connects to the URL of the application's DataSource as this role.
         */
        private String username;

        /**
         * Password of the login role that runs the migrations.
         */
        private String password;

        public String getUrl() {
            return this.url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return this.username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return this.password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    /**
     * The migration lock that makes exactly one instance of a fleet apply migrations.
     */
    public static class Lock {

        /**
         * How long to wait for the migration lock while another instance holds it before startup fails.
         */
        private Duration waitTimeout = SlipwayConfig.DEFAULT_LOCK_WAIT_TIMEOUT;

        /**
         * How often to try the migration lock again while another instance holds it.
         */
        private Duration pollInterval = SlipwayConfig.DEFAULT_LOCK_POLL_INTERVAL;

        public Duration getWaitTimeout() {
            return this.waitTimeout;
        }

        public void setWaitTimeout(Duration waitTimeout) {
            this.waitTimeout = waitTimeout;
        }

        public Duration getPollInterval() {
            return this.pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }
    }

    /**
     * Timeouts and retries of the DDL statements of migrations.
     */
    public static class Ddl {

        /**
         * Lock timeout of every migration session: how long one statement may queue for a table lock
         * before it is rolled back and retried, so that live queries never pile up behind it.
         */
        private Duration lockTimeout = SlipwayConfig.DEFAULT_DDL_LOCK_TIMEOUT;

        /**
         * Statement timeout of every migration session; zero for none.
         */
        private Duration statementTimeout = SlipwayConfig.DEFAULT_DDL_STATEMENT_TIMEOUT;

        /**
         * How long a migration keeps retrying after lock timeouts, with exponential back-off, before it
         * fails.
         */
        private Duration retryBudget = SlipwayConfig.DEFAULT_DDL_RETRY_BUDGET;

        /**
         * Upper bound of the first back-off after a lock timeout; each sleep is random below the bound, and
         * the bound doubles after every attempt.
         */
        private Duration retryInitialBackoff = SlipwayConfig.DEFAULT_DDL_RETRY_INITIAL_BACKOFF;

        /**
         * Upper bound that the growing back-off after lock timeouts never exceeds.
         */
        private Duration retryMaxBackoff = SlipwayConfig.DEFAULT_DDL_RETRY_MAX_BACKOFF;

        public Duration getLockTimeout() {
            return this.lockTimeout;
        }

        public void setLockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
        }

        public Duration getStatementTimeout() {
            return this.statementTimeout;
        }

        public void setStatementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
        }

        public Duration getRetryBudget() {
            return this.retryBudget;
        }

        public void setRetryBudget(Duration retryBudget) {
            this.retryBudget = retryBudget;
        }

        public Duration getRetryInitialBackoff() {
            return this.retryInitialBackoff;
        }

        public void setRetryInitialBackoff(Duration retryInitialBackoff) {
            this.retryInitialBackoff = retryInitialBackoff;
        }

        public Duration getRetryMaxBackoff() {
            return this.retryMaxBackoff;
        }

        public void setRetryMaxBackoff(Duration retryMaxBackoff) {
            this.retryMaxBackoff = retryMaxBackoff;
        }
    }

    /**
     * Validation of the applied migrations against the migration files.
     */
    public static class Validate {

        /**
         * Whether to ignore applied migrations whose files are gone (at or below the newest migration file) instead
         * of failing startup. Expand migrations applied by a newer version of the application (above the newest
         * file) never fail startup, so they do not need it.
         */
        private boolean ignoreMissing = SlipwayConfig.DEFAULT_IGNORE_MISSING;

        public boolean isIgnoreMissing() {
            return this.ignoreMissing;
        }

        public void setIgnoreMissing(boolean ignoreMissing) {
            this.ignoreMissing = ignoreMissing;
        }
    }

    /**
     * The migration linter, which checks pending migrations for unsafe statements before any is applied.
     */
    public static class Lint {

        /**
         * What to do with the linter's findings on pending migrations: 'fail' refuses to migrate when there is an
         * error-level finding (nothing is applied), 'warn' logs every finding and migrates, 'off' skips the check.
         */
        private LintMode mode = SlipwayConfig.DEFAULT_LINT_MODE;

        /**
         * Version of the newest migration that is never linted, e.g. 20240301000000 (of the folder
         * 20240301000000_add_email) or 2.1 (of V2.1__add_email.sql). A team adopting Slipway sets it to its newest
         * existing migration, so that only what it writes from then on is linted and the files already applied stay
         * as they are. Migrations up to it are still read for what they tell the linter about the schema. Versions
         * are ordered numerically, so it need not be the version of a file; one above every migration lints none
         * and logs a warning. Unset: every pending migration is linted.
         */
        private String startAfter = SlipwayConfig.DEFAULT_LINT_START_AFTER;

        public LintMode getMode() {
            return this.mode;
        }

        public void setMode(LintMode mode) {
            this.mode = mode;
        }

        public String getStartAfter() {
            return this.startAfter;
        }

        public void setStartAfter(String startAfter) {
            try {
                this.startAfter = SlipwayConfig.builder()
                        .lintStartAfter(startAfter)
                        .build()
                        .lintStartAfter();
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(
                        "slipway.lint.start-after must be the version of a migration:"
                                + " digits, optionally separated by '.' or '_', as in a folder name (20240101000000 of"
                                + " 20240101000000_create_users) or a Flyway file name (2.1 of V2.1__add_email.sql); '"
                                + startAfter + "' is not one",
                        ex);
            }
        }
    }

    /**
     * Backfills: the application's {@code Backfill} beans, run in the background, and the defaults of their
     * batches. A backfill's own settings ({@code Backfill.Builder#batchSize}, ...) take precedence.
     */
    public static class Backfill {

        /**
         * Whether to run the application's Backfill beans in the background once it is ready. When false, this
         * instance runs none, but still reports backfills and lets the endpoint pause, resume and retry them.
         */
        private boolean enabled = true;

        /**
         * Rows of the key range in the first batch of a backfill; the adaptive sizing changes it from there.
         */
        private int batchSize = BackfillConfig.DEFAULT_BATCH_SIZE;

        /**
         * Smallest batch the adaptive sizing chooses.
         */
        private int minBatchSize = BackfillConfig.DEFAULT_MIN_BATCH_SIZE;

        /**
         * Largest batch the adaptive sizing chooses.
         */
        private int maxBatchSize = BackfillConfig.DEFAULT_MAX_BATCH_SIZE;

        /**
         * Duration the batch size is steered towards: shorter batches hold row locks for less time, longer ones
         * move data faster.
         */
        private Duration targetBatchTime = BackfillConfig.DEFAULT_TARGET_BATCH_TIME;

        /**
         * Pause between two batches, which leaves room for the application's own work.
         */
        private Duration pause = BackfillConfig.DEFAULT_PAUSE;

        /**
         * Lock timeout of a batch: how long it may wait for a row that the application has locked before it is
         * rolled back and retried.
         */
        private Duration lockTimeout = BackfillConfig.DEFAULT_LOCK_TIMEOUT;

        /**
         * Statement timeout of the statements of a batch.
         */
        private Duration statementTimeout = BackfillConfig.DEFAULT_STATEMENT_TIMEOUT;

        /**
         * How many times in a row a batch is tried after transient errors (deadlock, lock or statement timeout,
         * lost connection) before the backfill fails.
         */
        private int maxAttempts = BackfillConfig.DEFAULT_MAX_ATTEMPTS;

        /**
         * Upper bound of the first back-off after a transient error; each sleep is random below the bound, and
         * the bound doubles after every attempt.
         */
        private Duration retryInitialBackoff = BackfillConfig.DEFAULT_RETRY_INITIAL_BACKOFF;

        /**
         * Upper bound that the growing back-off after transient errors never exceeds.
         */
        private Duration retryMaxBackoff = BackfillConfig.DEFAULT_RETRY_MAX_BACKOFF;

        /**
         * How often an instance that waits checks whether it may run a backfill: its migrations applied, the
         * instance running it gone, the backfill resumed or retried.
         */
        private Duration pollInterval = BackfillConfig.DEFAULT_POLL_INTERVAL;

        /**
         * Least time between two progress lines of a running backfill in the log.
         */
        private Duration progressLogInterval = BackfillConfig.DEFAULT_PROGRESS_LOG_INTERVAL;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public int getMinBatchSize() {
            return this.minBatchSize;
        }

        public void setMinBatchSize(int minBatchSize) {
            this.minBatchSize = minBatchSize;
        }

        public int getMaxBatchSize() {
            return this.maxBatchSize;
        }

        public void setMaxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
        }

        public Duration getTargetBatchTime() {
            return this.targetBatchTime;
        }

        public void setTargetBatchTime(Duration targetBatchTime) {
            this.targetBatchTime = targetBatchTime;
        }

        public Duration getPause() {
            return this.pause;
        }

        public void setPause(Duration pause) {
            this.pause = pause;
        }

        public Duration getLockTimeout() {
            return this.lockTimeout;
        }

        public void setLockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
        }

        public Duration getStatementTimeout() {
            return this.statementTimeout;
        }

        public void setStatementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
        }

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getRetryInitialBackoff() {
            return this.retryInitialBackoff;
        }

        public void setRetryInitialBackoff(Duration retryInitialBackoff) {
            this.retryInitialBackoff = retryInitialBackoff;
        }

        public Duration getRetryMaxBackoff() {
            return this.retryMaxBackoff;
        }

        public void setRetryMaxBackoff(Duration retryMaxBackoff) {
            this.retryMaxBackoff = retryMaxBackoff;
        }

        public Duration getPollInterval() {
            return this.pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getProgressLogInterval() {
            return this.progressLogInterval;
        }

        public void setProgressLogInterval(Duration progressLogInterval) {
            this.progressLogInterval = progressLogInterval;
        }
    }
}
