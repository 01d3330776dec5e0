package dev.slipway.migrate.autoconfigure.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of Slipway's Actuator integration ({@code slipway.actuator.*}).
 */
@ConfigurationProperties("slipway.actuator")
public class SlipwayActuatorProperties {

    private final WriteOperations writeOperations = new WriteOperations();

    private final Rollback rollback = new Rollback();

    /**
     * The write operations of the {@code slipway} endpoint.
     * @return the write operations settings
     */
    public WriteOperations getWriteOperations() {
        return this.writeOperations;
    }

    /**
     * The rollback write operation of the {@code slipway} endpoint.
     * @return the rollback settings
     */
    public Rollback getRollback() {
        return this.rollback;
    }

    /**
     * The write operations of the {@code slipway} endpoint, such as resolving a failed migration or pausing a
     * backfill. Besides this switch, the endpoint must be exposed
     * ({@code management.endpoints.web.exposure.include}) and its access must not be limited to read-only, as for
     * any Actuator endpoint.
     */
    public static class WriteOperations {

        /**
         * Whether the write operations of the slipway endpoint (resolving a failed migration; pausing, resuming
         * and retrying a backfill) may change the history and backfill tables. When false, they answer 403
         * Forbidden and change nothing.
         */
        private boolean enabled = false;

        /**
         * Whether the write operations may change the history table.
         * @return whether write operations are enabled
         */
        public boolean isEnabled() {
            return this.enabled;
        }

        /**
         * Sets whether the write operations may change the history table.
         * @param enabled whether write operations are enabled
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /**
     * The rollback write operation of the {@code slipway} endpoint
     * ({@code POST /actuator/slipway/migrations/rollback}), which runs {@code down.sql} files. Meant for
     * development: it drops what the migrations created, data included.
     */
    public static class Rollback {

        /**
         * Whether the rollback write operation may run down.sql files. Besides this switch, write operations must
         * be enabled (slipway.actuator.write-operations.enabled). Meant for development: rolling back drops what the
         * migrations created, data included.
         */
        private boolean enabled = false;

        /**
         * Whether the rollback write operation may run down files.
         * @return whether rollback is enabled
         */
        public boolean isEnabled() {
            return this.enabled;
        }

        /**
         * Sets whether the rollback write operation may run down files.
         * @param enabled whether rollback is enabled
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
