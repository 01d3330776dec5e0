package dev.slipway.migrate.autoconfigure.metrics;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.autoconfigure.SlipwayBackfillAutoConfiguration;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.Backfills;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Slipway's meters: a {@link SlipwayMetricsListener} that Slipway reports its runs to, a
 * {@link SlipwayMigrationsMeterBinder} for the {@code slipway.migrations} gauges, and for backfills a
 * {@link SlipwayBackfillMetricsListener} ({@code slipway.backfill.rows}, {@code slipway.backfill.batch.duration})
 * and a {@link SlipwayBackfillProgressMeterBinder} ({@code slipway.backfill.progress}). Applies when Micrometer
 * is on the class path and there are a {@link MeterRegistry} and a {@link Slipway} bean.
 */
@AutoConfiguration(
        after = {SlipwayAutoConfiguration.class, SlipwayBackfillAutoConfiguration.class},
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({Slipway.class, MeterRegistry.class})
@ConditionalOnBean({Slipway.class, MeterRegistry.class})
public final class SlipwayMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SlipwayMetricsListener slipwayMetricsListener(MeterRegistry registry) {
        return new SlipwayMetricsListener(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    SlipwayMigrationsMeterBinder slipwayMigrationsMeterBinder(
            Slipway slipway, ObjectProvider<SlipwayMetricsListener> listener) {
        return new SlipwayMigrationsMeterBinder(
                slipway, listener.getIfUnique(), SlipwayMigrationsMeterBinder.DEFAULT_TIME_TO_LIVE);
    }

    @Bean
    @ConditionalOnMissingBean
    SlipwayBackfillMetricsListener slipwayBackfillMetricsListener(MeterRegistry registry) {
        return new SlipwayBackfillMetricsListener(registry);
    }

    @Bean
    @ConditionalOnBean(Backfills.class)
    @ConditionalOnMissingBean
    SlipwayBackfillProgressMeterBinder slipwayBackfillProgressMeterBinder(
            Backfills backfills,
            ObjectProvider<Backfill> declared,
            ObjectProvider<SlipwayBackfillMetricsListener> listener) {
        return new SlipwayBackfillProgressMeterBinder(
                backfills,
                declared.orderedStream().map(Backfill::name).distinct().toList(),
                listener.getIfUnique(),
                SlipwayBackfillProgressMeterBinder.DEFAULT_TIME_TO_LIVE);
    }
}
