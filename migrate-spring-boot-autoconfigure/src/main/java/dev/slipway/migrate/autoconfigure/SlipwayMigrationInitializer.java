package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.MigrationFailedException;
import dev.slipway.migrate.Slipway;
import java.sql.SQLException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(SlipwayMigrationInitializer.class);

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
        } catch (RuntimeException ex) {
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
        } catch (RuntimeException ex) {
            return ex;
        }
    }

    /**
     * Removes the registration after failed migrations, unless they failed because the connection to PostgreSQL was
     * lost: the server is most likely gone, and asking the pool for another connection would hold the failure back
     * for the pool's whole connection timeout (30 s with HikariCP's default) before it is reported. The registration
     * then expires by itself after three heartbeat intervals.
     */
    private void leave(RuntimeException failure) {
        if (isConnectionLost(failure)) {
            log.info("Not removing this instance from slipway_instances after the failed migration: the connection to "
                    + "PostgreSQL was lost. Its registration expires after three heartbeat intervals.");
            return;
        }
        try {
            this.slipway.leave();
        } catch (RuntimeException leaveFailure) {
            failure.addSuppressed(leaveFailure);
        }
    }

    /**
     * Whether the failure, or one of its causes, is a lost connection: SQLSTATE class 08 (the driver's I/O errors),
     * or the server ending the session ({@code 57P01}, {@code 57P02}).
     */
    static boolean isConnectionLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            String sqlState = (cause instanceof MigrationFailedException migration)
                    ? migration.getSqlState()
                    : (cause instanceof SQLException sql) ? sql.getSQLState() : null;
            if (sqlState != null
                    && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02"))) {
                return true;
            }
        }
        return false;
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
