package dev.slipway.migrate.autoconfigure;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * A {@link DatabaseInitializerDetector} for {@link SlipwayMigrationInitializer}: Spring Boot makes every
 * bean that depends on database initialization (JPA, {@code JdbcTemplate}, {@code JdbcClient}, ...) depend
 * on the initializer, so those beans see the migrated schema. Registered in {@code META-INF/spring.factories}.
 */
class SlipwayMigrationInitializerDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(SlipwayMigrationInitializer.class);
    }

    @Override
    public int getOrder() {
        return 1;
    }
}
