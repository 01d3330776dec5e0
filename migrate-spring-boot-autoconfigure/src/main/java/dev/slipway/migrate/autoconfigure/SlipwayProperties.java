package dev.slipway.migrate.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.slipway.migrate.SlipwayConfig;

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
     * Schema of the history table, put first on the search path of every migration and created when it
     * does not exist. Defaults to the connection's current schema.
     */
    private String schema;

    /**
     * Name of the history table.
     */
    private String table = SlipwayConfig.DEFAULT_TABLE;

    private final Lock lock = new Lock();

    private final Ddl ddl = new Ddl();

    private final Validate validate = new Validate();

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

    public Lock getLock() {
        return this.lock;
    }

    public Ddl getDdl() {
        return this.ddl;
    }

    public Validate getValidate() {
        return this.validate;
    }

    /**
     * The migration lock that makes exactly one instance of a fleet apply migrations.
     */
    public static class Lock {

        /**
         * How long to wait for the migration lock while another instance holds it before startup fails.
         */
        private Duration waitTimeout = SlipwayConfig.DEFAULT_LOCK_WAIT_TIMEOUT;

        public Duration getWaitTimeout() {
            return this.waitTimeout;
        }

        public void setWaitTimeout(Duration waitTimeout) {
            this.waitTimeout = waitTimeout;
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
    }

    /**
     * Validation of the applied migrations against the migration files.
     */
    public static class Validate {

        /**
         * Whether to ignore applied migrations whose files are gone instead of failing startup.
         */
        private boolean ignoreMissing = SlipwayConfig.DEFAULT_IGNORE_MISSING;

        public boolean isIgnoreMissing() {
            return this.ignoreMissing;
        }

        public void setIgnoreMissing(boolean ignoreMissing) {
            this.ignoreMissing = ignoreMissing;
        }
    }
}
