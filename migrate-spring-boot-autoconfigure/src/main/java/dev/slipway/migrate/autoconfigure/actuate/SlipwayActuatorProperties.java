package dev.slipway.migrate.autoconfigure.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of Slipway's Actuator integration ({@code slipway.actuator.*}).
 */
@ConfigurationProperties("slipway.actuator")
public class SlipwayActuatorProperties {

    private final WriteOperations writeOperations = new WriteOperations();

    /**
     * The write operations of the {@code slipway} endpoint.
     * @return the write operations settings
     */
    public WriteOperations getWriteOperations() {
        return this.writeOperations;
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
}
