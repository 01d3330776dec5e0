package dev.slipway.migrate.autoconfigure;

import javax.sql.DataSource;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of Slipway: a {@link Slipway} built from {@link SlipwayProperties} over the
 * application's {@link DataSource}, and a {@link SlipwayMigrationInitializer} that applies pending
 * migrations at startup, before the beans that use the database are created. Backs off when
 * {@code slipway.enabled=false} or when there is no single {@code DataSource}; each bean backs off when the
 * application defines its own.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Slipway.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "slipway.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SlipwayProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class SlipwayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Slipway slipway(DataSource dataSource, SlipwayProperties properties, ObjectProvider<SlipwayListener> listeners,
            ResourceLoader resourceLoader, Environment environment) {
        Slipway.Builder builder = Slipway.builder(dataSource)
                .config(toConfig(properties, environment.getProperty("spring.application.name")));
        ClassLoader classLoader = resourceLoader.getClassLoader();
        if (classLoader != null) {
            builder.classLoader(classLoader);
        }
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    SlipwayMigrationInitializer slipwayMigrationInitializer(Slipway slipway) {
        return new SlipwayMigrationInitializer(slipway);
    }

    private static SlipwayConfig toConfig(SlipwayProperties properties, String applicationName) {
        return SlipwayConfig.builder()
                .locations(properties.getLocations())
                .schema(properties.getSchema())
                .table(properties.getTable())
                .lockWaitTimeout(properties.getLock().getWaitTimeout())
                .ddlLockTimeout(properties.getDdl().getLockTimeout())
                .ddlStatementTimeout(properties.getDdl().getStatementTimeout())
                .ddlRetryBudget(properties.getDdl().getRetryBudget())
                .ignoreMissing(properties.getValidate().isIgnoreMissing())
                .applicationName(applicationName)
                .build();
    }
}
