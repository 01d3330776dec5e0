package dev.slipway.migrate.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The order in which servers are tried, against the server this test run uses and an address where none is. */
class PostgresServersTest {

    private static final Supplier<ServerAddress> NO_CONTAINER_EXPECTED =
            () -> fail("Testcontainers should not have been asked");

    private static ServerAddress reachable;
    private static String unreachableUrl;

    @BeforeAll
    static void findServers() throws IOException {
        ServerAddress current = PostgresServers.get().admin();
        reachable = new ServerAddress(current.jdbcUrl(), current.username(), current.password(), "reachable");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unreachableUrl = "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/postgres";
        }
    }

    @Test
    void usesTheJdbcUrlVariableBeforeDockerAndTheLocalServer() {
        ServerLookup lookup = new ServerLookup(
                environment(reachable, "DOCKER_HOST", "tcp://docker.test:2375"), path -> true, unreachableLocal());

        PostgresServer server = PostgresServers.locate(lookup, NO_CONTAINER_EXPECTED);

        assertThat(server.description()).startsWith("SLIPWAY_TEST_JDBC_URL ");
    }

    @Test
    void failsNamingTheVariableWhenItsServerIsUnreachable() {
        ServerAddress configured = new ServerAddress(unreachableUrl + "?password=s3cret", "ci", null, "x");
        ServerLookup lookup = new ServerLookup(environment(configured), path -> false, reachable);

        assertThatIllegalStateException()
                .isThrownBy(() -> PostgresServers.locate(lookup, NO_CONTAINER_EXPECTED))
                .withMessageStartingWith("The PostgreSQL server given by SLIPWAY_TEST_JDBC_URL cannot be reached.")
                .withMessageContaining("-> SLIPWAY_TEST_JDBC_URL=" + unreachableUrl + "?password=***")
                .withMessageContaining("-> user: ci (SLIPWAY_TEST_USERNAME)")
                .withMessageContaining("Fix the variable")
                .withMessageNotContaining("s3cret");
    }

    @Test
    void prefersATestcontainersServerToTheLocalOne() {
        ServerLookup lookup =
                new ServerLookup(Map.of("DOCKER_HOST", "unix:///run/docker.sock"), path -> false, unreachableLocal());
        ServerAddress container =
                new ServerAddress(reachable.jdbcUrl(), reachable.username(), reachable.password(), "a container");

        assertThat(PostgresServers.locate(lookup, () -> container).description())
                .startsWith("a container ");
    }

    @Test
    void fallsBackToTheLocalServerWhenDockerIsUnusable() {
        ServerLookup lookup =
                new ServerLookup(Map.of("DOCKER_HOST", "tcp://docker.test:2375"), path -> false, reachable);

        PostgresServer server = PostgresServers.locate(lookup, () -> {
            throw new IllegalStateException("Could not find a valid Docker environment");
        });

        assertThat(server.description()).startsWith("reachable ");
    }

    @Test
    void neverAsksTestcontainersWithoutDocker() {
        ServerLookup lookup = new ServerLookup(Map.of(), path -> false, reachable);

        assertThat(PostgresServers.locate(lookup, NO_CONTAINER_EXPECTED).description())
                .startsWith("reachable ");
    }

    @Test
    void failsSayingHowToProvideAServerWhenNoneIsReachable() {
        ServerLookup lookup = new ServerLookup(Map.of(), path -> false, unreachableLocal());

        assertThatIllegalStateException()
                .isThrownBy(() -> PostgresServers.locate(lookup, NO_CONTAINER_EXPECTED))
                .withMessageStartingWith("No PostgreSQL server for the tests. Tried, in order:")
                .withMessageContaining("-> SLIPWAY_TEST_JDBC_URL: not set")
                .withMessageContaining("-> Testcontainers: skipped, no Docker")
                .withMessageContaining("-> " + unreachableUrl + " as postgres: Connection to 127.0.0.1:")
                .withMessageContaining("1. set SLIPWAY_TEST_JDBC_URL=jdbc:postgresql://HOST:PORT/postgres")
                .withMessageContaining("2. start Docker")
                .withMessageContaining("3. start a PostgreSQL server at " + unreachableUrl);
    }

    @Test
    void takesUserAndPasswordFromTheUrlWhenTheirVariablesAreUnset() {
        PostgresServer current = PostgresServers.get();
        String url = current.admin().jdbcUrl() + (current.admin().jdbcUrl().contains("?") ? "&" : "?") + "user="
                + encode(current.username()) + "&password=" + encode(current.password());
        ServerLookup lookup = new ServerLookup(
                environment(new ServerAddress(url, null, null, "x")), path -> false, unreachableLocal());

        PostgresServer server = PostgresServers.locate(lookup, NO_CONTAINER_EXPECTED);

        assertThat(server.username()).isEqualTo(current.username());
        assertThat(server.password()).isEqualTo(current.password());
    }

    private ServerAddress unreachableLocal() {
        return new ServerAddress(unreachableUrl, "postgres", null, "the local server");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> environment(ServerAddress server, String... more) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SLIPWAY_TEST_JDBC_URL", server.jdbcUrl());
        if (server.username() != null) {
            environment.put("SLIPWAY_TEST_USERNAME", server.username());
        }
        if (server.password() != null) {
            environment.put("SLIPWAY_TEST_PASSWORD", server.password());
        }
        for (int i = 0; i < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return environment;
    }
}
