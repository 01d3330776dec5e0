package dev.slipway.migrate.test;

import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Locates the tests' PostgreSQL server once per JVM, in the order {@link ServerLookup} gives, and remembers the
 * outcome (a failure too, so that every test class fails at once with the same message).
 */
final class PostgresServers {

    private static final System.Logger LOG = System.getLogger(PostgresServers.class.getName());

    private static PostgresServer located;
    private static String failure;

    private PostgresServers() {}

    /** The server of this JVM, located on first call. */
    static synchronized PostgresServer get() {
        if (located == null && failure == null) {
            try {
                located = locate(
                        new ServerLookup(System.getenv(), Files::exists),
                        () -> PostgresContainer.start()); // a lambda: Testcontainers is loaded only if called
                LOG.log(System.Logger.Level.INFO, "Test databases on " + located.description());
            } catch (IllegalStateException e) {
                failure = e.getMessage();
            }
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return located;
    }

    /**
     * Tries the servers in order.
     *
     * @param container starts a container; called only when Docker seems to be there
     * @throws IllegalStateException with what was tried and how to provide a server, if none is reachable
     */
    static PostgresServer locate(ServerLookup lookup, Supplier<ServerAddress> container) {
        Optional<ServerAddress> configured = lookup.configuredServer();
        if (configured.isPresent()) {
            try {
                return PostgresServer.connect(configured.get());
            } catch (SQLException e) {
                throw new IllegalStateException(configuredServerUnreachable(configured.get(), lookup, e));
            }
        }
        List<String> tried = new ArrayList<>();
        tried.add(ServerLookup.JDBC_URL + ": not set");
        Optional<String> docker = lookup.dockerEvidence();
        if (docker.isPresent()) {
            try {
                return PostgresServer.connect(container.get());
            } catch (RuntimeException | LinkageError | SQLException e) {
                // Docker seemed to be there but is not usable: the local server may still be
                tried.add("Testcontainers (Docker at " + docker.get() + "): " + e);
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Docker seems present (" + docker.get() + ") but no container could be used; trying "
                                + lookup.localServer().jdbcUrl(),
                        e);
            }
        } else {
            tried.add("Testcontainers: skipped, no Docker (no DOCKER_HOST and no Docker socket)");
        }
        ServerAddress local = lookup.localServer();
        try {
            return PostgresServer.connect(local);
        } catch (SQLException e) {
            tried.add(local.jdbcUrl() + " as " + local.username() + ": " + e.getMessage());
        }
        throw new IllegalStateException(noServer(tried, local));
    }

    private static String configuredServerUnreachable(ServerAddress address, ServerLookup lookup, SQLException e) {
        return "The PostgreSQL server given by " + ServerLookup.JDBC_URL + " cannot be reached.\n"
                + "-> " + ServerLookup.JDBC_URL + "=" + JdbcUrls.redact(address.jdbcUrl()) + "\n"
                + "-> user: "
                + (address.username() != null
                        ? address.username() + " (" + ServerLookup.USERNAME + ")"
                        : "as the URL says")
                + "\n"
                + "-> error: " + e.getMessage() + "\n"
                + "Fix the variable (and " + ServerLookup.USERNAME + " / " + ServerLookup.PASSWORD + "), or unset it"
                + " to use Docker or the local server at "
                + lookup.localServer().jdbcUrl() + ".";
    }

    private static String noServer(List<String> tried, ServerAddress local) {
        StringBuilder message = new StringBuilder("No PostgreSQL server for the tests. Tried, in order:\n");
        tried.forEach(attempt -> message.append("-> ").append(attempt).append('\n'));
        return message.append("Provide one in any of these ways:\n")
                .append("  1. set ")
                .append(ServerLookup.JDBC_URL)
                .append("=jdbc:postgresql://HOST:PORT/postgres (and ")
                .append(ServerLookup.USERNAME)
                .append(", ")
                .append(ServerLookup.PASSWORD)
                .append(" if needed) to a server where that user may CREATE DATABASE;\n")
                .append("  2. start Docker, so that Testcontainers can run a ")
                .append(PostgresContainer.IMAGE)
                .append(" container;\n")
                .append("  3. start a PostgreSQL server at ")
                .append(local.jdbcUrl())
                .append(" that lets user ")
                .append(local.username())
                .append(" connect, e.g. `pg_ctlcluster 15 main start` (Debian, Ubuntu)")
                .append(" or `docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15`.")
                .toString();
    }
}
