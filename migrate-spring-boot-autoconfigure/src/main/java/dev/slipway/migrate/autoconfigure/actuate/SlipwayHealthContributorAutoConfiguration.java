package dev.slipway.migrate.autoconfigure.actuate;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.autoconfigure.SlipwayBackfillAutoConfiguration;
import dev.slipway.migrate.autoconfigure.SlipwayBackgroundTasks;
import dev.slipway.migrate.autoconfigure.SlipwayBackgroundTasksAutoConfiguration;
import dev.slipway.migrate.backfill.Backfills;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code slipway} health contributor ({@link SlipwayHealthIndicator}): when Spring
 * Boot's health support is on the class path, {@code management.health.slipway.enabled} is not false, and there
 * is a {@link Slipway} bean. It reports the backfills of the {@link Backfills} bean and the background tasks of the
 * {@link SlipwayBackgroundTasks} bean, when there are.
 */
@AutoConfiguration(
        after = {
            SlipwayAutoConfiguration.class,
            SlipwayBackfillAutoConfiguration.class,
            SlipwayBackgroundTasksAutoConfiguration.class
        })
@ConditionalOnClass({Slipway.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(Slipway.class)
@ConditionalOnEnabledHealthIndicator("slipway")
public final class SlipwayHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = {"slipwayHealthIndicator", "slipwayHealthContributor"})
    SlipwayHealthIndicator slipwayHealthIndicator(
            Slipway slipway, ObjectProvider<Backfills> backfills, ObjectProvider<SlipwayBackgroundTasks> tasks) {
        return new SlipwayHealthIndicator(slipway, backfills.getIfUnique(), tasks.getIfUnique());
    }
}
