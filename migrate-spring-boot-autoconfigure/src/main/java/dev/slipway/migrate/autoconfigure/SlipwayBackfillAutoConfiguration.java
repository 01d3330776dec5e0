package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillConfig;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.Backfills;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of backfills.
 * <ul>
 *   <li>A {@link BackfillConfig} from the {@code slipway.backfill.*} properties.</li>
 *   <li>A {@link Backfills} over the data source that Slipway migrates with and the {@link Slipway}'s
 *       configuration (so {@code slipway_backfills} lives next to the history table), reporting to every
 *       {@link BackfillListener} bean (the meters among them). It reads and changes backfills for the endpoint and
 *       the health contributor, even when {@code slipway.backfill.enabled=false}.</li>
 *   <li>Unless {@code slipway.backfill.enabled=false}: a background task {@code backfill-<name>} for every
 *       {@link Backfill} bean, started once the application is ready by {@link SlipwayBackgroundTasks}.</li>
 * </ul>
 * Applies with the {@link SlipwayAutoConfiguration} (so not when {@code slipway.enabled=false}); each bean backs
 * off when the application defines its own.
 */
@AutoConfiguration(after = SlipwayAutoConfiguration.class, before = SlipwayBackgroundTasksAutoConfiguration.class)
@ConditionalOnClass(Backfills.class)
@ConditionalOnBooleanProperty(name = "slipway.enabled", matchIfMissing = true)
@ConditionalOnBean({Slipway.class, MigrationDataSource.class})
public final class SlipwayBackfillAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BackfillConfig slipwayBackfillConfig(SlipwayProperties properties) {
        return toConfig(properties.getBackfill());
    }

    @Bean
    @ConditionalOnMissingBean
    Backfills slipwayBackfills(
            Slipway slipway,
            MigrationDataSource migrationDataSource,
            BackfillConfig config,
            ObjectProvider<BackfillListener> listeners) {
        Backfills.Builder builder = Backfills.builder(migrationDataSource.dataSource())
                .config(slipway.config())
                .backfillConfig(config);
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "slipway.backfill.enabled", matchIfMissing = true)
    BackfillTasks slipwayBackfillTasks(ListableBeanFactory beanFactory, Backfills backfills, BackfillConfig config) {
        return BackfillTasks.of(beanFactory.getBeansOfType(Backfill.class), backfills, config.pollInterval());
    }

    static BackfillConfig toConfig(SlipwayProperties.Backfill properties) {
        try {
            return BackfillConfig.builder()
                    .batchSize(properties.getBatchSize())
                    .batchSizeBounds(properties.getMinBatchSize(), properties.getMaxBatchSize())
                    .targetBatchTime(properties.getTargetBatchTime())
                    .pause(properties.getPause())
                    .lockTimeout(properties.getLockTimeout())
                    .statementTimeout(properties.getStatementTimeout())
                    .maxAttempts(properties.getMaxAttempts())
                    .retryBackoff(properties.getRetryInitialBackoff(), properties.getRetryMaxBackoff())
                    .pollInterval(properties.getPollInterval())
                    .progressLogInterval(properties.getProgressLogInterval())
                    .build();
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new IllegalStateException(
                    "Invalid slipway.backfill.* properties: " + ex.getMessage()
                            + ". Fix the property named in kebab-case (batchSize is slipway.backfill.batch-size,"
                            + " minBatchSize is slipway.backfill.min-batch-size, ...).",
                    ex);
        }
    }
}
