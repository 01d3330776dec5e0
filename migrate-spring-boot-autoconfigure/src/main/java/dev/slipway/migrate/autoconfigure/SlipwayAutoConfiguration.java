package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayListener;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of Slipway: a {@link Slipway} built from {@link SlipwayProperties} and the
 * {@link SlipwayConfigurationCustomizer} beans, and a {@link SlipwayMigrationInitializer} that applies pending
 * migrations at startup, before the beans that use the database are created. Slipway migrates through a
 * {@link SlipwayDataSource @SlipwayDataSource} bean, a login of its own ({@code slipway.datasource.*}), or the
 * application's {@link DataSource}. Applies when there is a single {@code DataSource}, a
 * {@code @SlipwayDataSource} one, or {@code slipway.datasource.url}; backs off when {@code slipway.enabled=false};
 * each bean backs off when the application defines its own. On a Spring Boot older than 4.0, startup ends before this is
 * read, with a message naming the Spring Boot it needs ({@code SupportedSpringBootCheck}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Slipway.class)
@Conditional(SlipwayAutoConfiguration.SlipwayDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "slipway.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SlipwayProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class SlipwayAutoConfiguration {

    /** {@code slipway.adopt=off} beside {@code slipway.adopt.flyway-table}: see {@link AdoptPropertyBinding}. */
    @Bean
    @ConfigurationPropertiesBinding
    static AdoptPropertyBinding slipwayAdoptPropertyBinding() {
        return new AdoptPropertyBinding();
    }

    @Bean
    @ConditionalOnMissingBean
    MigrationDataSource slipwayMigrationDataSource(
            SlipwayProperties properties,
            ObjectProvider<DataSource> dataSource,
            @SlipwayDataSource ObjectProvider<DataSource> slipwayDataSource,
            ResourceLoader resourceLoader) {
        return new MigrationDataSource(MigrationDataSources.choose(
                properties.getDatasource(),
                slipwayDataSource.getIfAvailable(),
                dataSource.getIfUnique(),
                resourceLoader.getClassLoader()));
    }

    @Bean
    @ConditionalOnMissingBean
    Slipway slipway(
            SlipwayProperties properties,
            MigrationDataSource migrationDataSource,
            ObjectProvider<SlipwayListener> listeners,
            ObjectProvider<SlipwayConfigurationCustomizer> customizers,
            ResourceLoader resourceLoader,
            Environment environment) {
        ClassLoader classLoader = resourceLoader.getClassLoader();
        SlipwayConfig.Builder config = toConfig(properties, environment.getProperty("spring.application.name"));
        customizers.orderedStream().forEach((customizer) -> customizer.customize(config));
        Slipway.Builder builder =
                Slipway.builder(migrationDataSource.dataSource()).config(config.build());
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

    private static SlipwayConfig.Builder toConfig(SlipwayProperties properties, String applicationName) {
        return SlipwayConfig.builder()
                .locations(properties.getLocations())
                .schema(properties.getSchema())
                .table(properties.getTable())
                .createSchema(properties.isCreateSchema())
                .lockWaitTimeout(properties.getLock().getWaitTimeout())
                .lockPollInterval(properties.getLock().getPollInterval())
                .ddlLockTimeout(properties.getDdl().getLockTimeout())
                .ddlStatementTimeout(properties.getDdl().getStatementTimeout())
                .ddlRetryBudget(properties.getDdl().getRetryBudget())
                .ddlRetryInitialBackoff(properties.getDdl().getRetryInitialBackoff())
                .ddlRetryMaxBackoff(properties.getDdl().getRetryMaxBackoff())
                .ignoreMissing(properties.getValidate().isIgnoreMissing())
                .lintMode(properties.getLint().getMode())
                .lintStartAfter(properties.getLint().getStartAfter())
                .heartbeatInterval(properties.getInstances().getHeartbeatInterval())
                .adoptMode(properties.getAdopt().getMode())
                .flywayTable(properties.getAdopt().getFlywayTable())
                .baselineVersion(properties.getBaseline().getVersion())
                .applicationName(applicationName);
    }

    /**
     * Matches when Slipway has something to migrate with: a single {@code DataSource} candidate, a
     * {@code @SlipwayDataSource} bean, or {@code slipway.datasource.url}.
     */
    static final class SlipwayDataSourceCondition extends AnyNestedCondition {

        SlipwayDataSourceCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnSingleCandidate(DataSource.class)
        private static final class SingleDataSourceCondition {}

        @ConditionalOnBean(annotation = SlipwayDataSource.class)
        private static final class QualifiedDataSourceCondition {}

        @ConditionalOnProperty("slipway.datasource.url")
        private static final class SlipwayUrlCondition {}
    }
}
