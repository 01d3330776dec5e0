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

    /**
     * Registers this instance in {@code slipway_instances}, then applies the pending expand migrations. Registering
     * first closes a race with contract migrations: an instance of an older version that starts while a contract
     * migration is being applied either is seen by it (which then waits), or reads the history after it and fails
     * its startup on the applied migration it does not ship. If the migrations fail, the registration is removed.
     * When the registration itself fails before the migrations (e.g. the schema does not exist yet and may not be
     * created), the migrations run anyway, so that their error is the one reported, and the registration is made
     * after them.
     */
    @Override
    public void afterPropertiesSet() {
        RuntimeException registration = register();
        try {
            this.slipway.migrate();
        }
        catch (RuntimeException ex) {
            if (registration == null) {
                leave(ex);
            }
            throw ex;
        }
        if (registration != null) {
            this.slipway.heartbeat();
        }
    }

    private RuntimeException register() {
        try {
            this.slipway.heartbeat();
            return null;
        }
        catch (RuntimeException ex) {
            return ex;
        }
    }

    private void leave(RuntimeException failure) {
        try {
            this.slipway.leave();
        }
        catch (RuntimeException leaveFailure) {
            failure.addSuppressed(leaveFailure);
        }
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
