package dev.slipway.sample;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL container as the sample app's database, for {@link TestSampleApplication}. Spring Boot reads the
 * container's URL, user and password through {@link ServiceConnection}, so they replace the
 * {@code spring.datasource.*} of {@code application.yml}; the container starts before the {@code DataSource} is
 * created and stops with the application.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestcontainersConfiguration {

    /** The PostgreSQL version the sample app is developed against. */
    static final String IMAGE = "postgres:15-alpine";

    @Bean
    @ServiceConnection
    PostgreSQLContainer postgres() {
        // currentSchema: the repositories' unqualified table names resolve in the schema that Slipway migrates,
        // as with the URL in application.yml.
        return new PostgreSQLContainer(IMAGE).withUrlParam("currentSchema", "slipway_sample");
    }
}
