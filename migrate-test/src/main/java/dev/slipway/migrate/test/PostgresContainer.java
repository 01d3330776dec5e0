package dev.slipway.migrate.test;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Testcontainers server. The only class that touches Testcontainers, so that it is not even loaded when Docker
 * is obviously absent.
 */
final class PostgresContainer {

    static final String IMAGE = "postgres:15-alpine";

    private PostgresContainer() {}

    /** Starts a container that lives as long as this JVM. */
    @SuppressWarnings("resource") // stopped by the shutdown hook (and by Testcontainers' reaper if the JVM dies)
    static ServerAddress start() {
        PostgreSQLContainer container =
                new PostgreSQLContainer(IMAGE).withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "slipway-test-postgres-stop"));
        return new ServerAddress(
                container.getJdbcUrl(),
                container.getUsername(),
                container.getPassword(),
                "a Testcontainers " + IMAGE + " container");
    }
}
