package dev.slipway.migrate.autoconfigure;

import java.util.Objects;

import dev.slipway.migrate.Slipway;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

/**
 * Applies the pending migrations while the application context starts. Beans that use the database
 * (JPA, {@code JdbcTemplate}, {@code JdbcClient} and beans annotated with
 * {@code @DependsOnDatabaseInitialization}) are created after it, because
 * {@link SlipwayMigrationInitializerDatabaseInitializerDetector} reports it as a database initializer.
 * A failed migration fails the startup with Slipway's exception.
 */
public class SlipwayMigrationInitializer implements InitializingBean, Ordered {

    private final Slipway slipway;

    private int order;

    /**
     * Creates an initializer that runs {@link Slipway#migrate()} of the given instance.
     * @param slipway the Slipway instance to migrate with
     */
    public SlipwayMigrationInitializer(Slipway slipway) {
        this.slipway = Objects.requireNonNull(slipway, "'slipway' must not be null");
    }

    @Override
    public void afterPropertiesSet() {
        this.slipway.migrate();
    }

    @Override
    public int getOrder() {
        return this.order;
    }

    /**
     * Sets the order of this initializer among other initializers of the same context.
     * @param order the order
     */
    public void setOrder(int order) {
        this.order = order;
    }
}
