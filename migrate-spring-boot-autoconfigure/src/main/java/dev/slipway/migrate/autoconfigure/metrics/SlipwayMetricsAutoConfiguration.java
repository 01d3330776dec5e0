package dev.slipway.migrate.autoconfigure.metrics;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Slipway's meters: a {@link SlipwayMetricsListener} that Slipway reports its runs to,
 * and a {@link SlipwayMigrationsMeterBinder} for the {@code slipway.migrations} gauges. Applies when Micrometer
 * is on the class path and there are a {@link MeterRegistry} and a {@link Slipway} bean.
 */
@AutoConfiguration(after = SlipwayAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ Slipway.class, MeterRegistry.class })
@ConditionalOnBean({ Slipway.class, MeterRegistry.class })
public final class SlipwayMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SlipwayMetricsListener slipwayMetricsListener(MeterRegistry registry) {
        return new SlipwayMetricsListener(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    SlipwayMigrationsMeterBinder slipwayMigrationsMeterBinder(Slipway slipway,
            ObjectProvider<SlipwayMetricsListener> listener) {
        return new SlipwayMigrationsMeterBinder(slipway, listener.getIfUnique(),
                SlipwayMigrationsMeterBinder.DEFAULT_TIME_TO_LIVE);
    }
}
