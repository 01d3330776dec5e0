package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.SlipwayConfig;

/**
 * Callback that adjusts the {@link SlipwayConfig} of the auto-configured {@link dev.slipway.migrate.Slipway}
 * beyond what the {@code slipway.*} properties express, for example a setting computed at startup. Every bean
 * of this type is called, in {@link org.springframework.core.annotation.Order @Order}, after the properties
 * have been applied to the builder, so a customizer has the last word.
 */
@FunctionalInterface
public interface SlipwayConfigurationCustomizer {

    /**
     * Customizes the configuration of Slipway.
     * @param builder the builder, holding the values of the {@code slipway.*} properties
     */
    void customize(SlipwayConfig.Builder builder);
}
