package dev.slipway.migrate.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides from the environment alone where the tests' PostgreSQL server is looked for; connecting is left to
 * {@link PostgresServers}. The order:
 *
 * <ol>
 *   <li>{@value #JDBC_URL} (with {@value #USERNAME} and {@value #PASSWORD} if set): when set, nothing else is tried,
 *       so a misconfigured variable fails instead of silently testing elsewhere;</li>
 *   <li>a Testcontainers container, when Docker seems to be there: {@code DOCKER_HOST} is set, a Docker socket
 *       exists in a usual place, or {@code ~/.testcontainers.properties} exists. Otherwise Testcontainers is not
 *       asked at all, which keeps a machine without Docker quick and quiet;</li>
 *   <li>the local server, {@code jdbc:postgresql://127.0.0.1:5432/postgres} as {@code postgres}.</li>
 * </ol>
 */
final class ServerLookup {

    static final String JDBC_URL = "SLIPWAY_TEST_JDBC_URL";
    static final String USERNAME = "SLIPWAY_TEST_USERNAME";
    static final String PASSWORD = "SLIPWAY_TEST_PASSWORD";
    static final ServerAddress LOCAL_SERVER =
            new ServerAddress("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null, "the local server");

    private final Map<String, String> environment;
    private final Predicate<Path> fileExists;
    private final ServerAddress localServer;

    ServerLookup(Map<String, String> environment, Predicate<Path> fileExists, ServerAddress localServer) {
        this.environment = Map.copyOf(environment);
        this.fileExists = fileExists;
        this.localServer = localServer;
    }

    ServerLookup(Map<String, String> environment, Predicate<Path> fileExists) {
        this(environment, fileExists, LOCAL_SERVER);
    }

    /** The server named by {@value #JDBC_URL}; when present it is the only one tried. */
    Optional<ServerAddress> configuredServer() {
        return variable(JDBC_URL)
                .map(url -> new ServerAddress(
                        url, variable(USERNAME).orElse(null), variable(PASSWORD).orElse(null), JDBC_URL));
    }

    /**
     * What suggests that Docker is there, e.g. {@code DOCKER_HOST=tcp://...} or a socket's path; empty when it is
     * obviously absent.
     */
    Optional<String> dockerEvidence() {
        Optional<String> dockerHost = variable("DOCKER_HOST");
        if (dockerHost.isPresent()) {
            return Optional.of("DOCKER_HOST=" + dockerHost.get());
        }
        return dockerFiles().stream().filter(fileExists).findFirst().map(Path::toString);
    }

    /** The server tried when neither the variable nor Docker gives one. */
    ServerAddress localServer() {
        return localServer;
    }

    private List<Path> dockerFiles() {
        List<Path> files = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock")));
        variable("XDG_RUNTIME_DIR").ifPresent(dir -> files.add(Path.of(dir, "docker.sock")));
        variable("HOME").ifPresent(home -> {
            files.add(Path.of(home, ".docker", "run", "docker.sock"));
            files.add(Path.of(home, ".docker", "desktop", "docker.sock"));
            files.add(Path.of(home, ".colima", "default", "docker.sock"));
            files.add(Path.of(home, ".rd", "docker.sock"));
            files.add(Path.of(home, ".testcontainers.properties"));
        });
        return files;
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
