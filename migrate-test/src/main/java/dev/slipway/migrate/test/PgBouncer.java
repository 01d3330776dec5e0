package dev.slipway.migrate.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PgBouncer in front of a {@link TestDatabase}'s server, for tests of what Slipway does behind a connection
 * pooler. {@link #start} runs the {@code pgbouncer} binary (Debian package {@code pgbouncer}, which {@code .ci/run}
 * installs through {@code .ci/install-tools}) in the foreground on a free port of 127.0.0.1:
 *
 * <ol>
 *   <li>Writes {@code pgbouncer.ini} and the auth file into a temporary directory that the {@code postgres} user can
 *       read (PgBouncer logs to its standard output, kept in that directory by this JVM): every database of the server, clients trusted (with the test database's login in the auth file, used
 *       towards the server), the chosen {@code pool_mode} and {@code default_pool_size}, and
 *       {@code ignore_startup_parameters = extra_float_digits,options} as the PostgreSQL JDBC driver needs.</li>
 *   <li>Starts it; as root (PgBouncer refuses to run as root) it runs as the {@code postgres} user.</li>
 *   <li>Waits until it accepts a login to the test database (at most 15 s), else fails with its log.</li>
 *   <li>{@link #close()} stops it and deletes the directory.</li>
 * </ol>
 * When {@code pgbouncer} is not installed, {@link #start} fails saying how to install it; a test never skips.
 */
public final class PgBouncer implements AutoCloseable {

    /** PgBouncer's {@code pool_mode}. */
    public enum PoolMode {
        /** A server connection per client connection, for as long as the client is connected. */
        SESSION,
        /** A server connection per transaction: clients share server sessions. */
        TRANSACTION;

        String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final List<Path> BINARIES =
            List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"), Path.of("/usr/local/bin/pgbouncer"));
    private static final long START_TIMEOUT_SECONDS = 15;

    private final TestDatabase database;
    private final PoolMode mode;
    private final int poolSize;
    private final int port;
    private final Path directory;
    private final Process process;

    private PgBouncer(TestDatabase database, PoolMode mode, int poolSize, int port, Path directory, Process process) {
        this.database = database;
        this.mode = mode;
        this.poolSize = poolSize;
        this.port = port;
        this.directory = directory;
        this.process = process;
    }

    /**
     * Starts a PgBouncer in front of the server of {@code database}.
     *
     * @param poolSize {@code default_pool_size}: server connections per database and user
     * @throws IllegalStateException if {@code pgbouncer} is not installed or does not start
     */
    public static PgBouncer start(TestDatabase database, PoolMode mode, int poolSize) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("pgbouncer is not installed, and this "
                + "test runs Slipway through a real PgBouncer. Install the Debian package: run .ci/install-tools "
                + "(.ci/run does), or apt-get install pgbouncer."));
        URI server = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        String host = server.getHost() == null ? "127.0.0.1" : server.getHost();
        int serverPort = server.getPort() < 0 ? 5432 : server.getPort();
        Path directory = null;
        try {
            directory = Files.createTempDirectory(
                    "slipway-pgbouncer-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            int port = freePort();
            String user = database.username();
            Files.writeString(
                    directory.resolve("userlist.txt"),
                    quoted(user) + " " + quoted(database.password()) + "\n",
                    StandardCharsets.UTF_8);
            Files.writeString(
                    directory.resolve("pgbouncer.ini"),
                    String.join(
                            "\n",
                            "[databases]",
                            "* = host=" + host + " port=" + serverPort,
                            "",
                            "[pgbouncer]",
                            "listen_addr = 127.0.0.1",
                            "listen_port = " + port,
                            "unix_socket_dir =",
                            "auth_type = trust",
                            "auth_file = " + directory.resolve("userlist.txt"),
                            "pool_mode = " + mode.configValue(),
                            "default_pool_size = " + poolSize,
                            "min_pool_size = 0",
                            "reserve_pool_size = 0",
                            "max_client_conn = 200",
                            "ignore_startup_parameters = extra_float_digits,options",
                            ""),
                    StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // PgBouncer refuses to run as root; setpriv execs it as postgres, so the process is pgbouncer itself.
                command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
            }
            command.add(binary.toString());
            command.add(directory.resolve("pgbouncer.ini").toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("pgbouncer.out").toFile())
                    .start();
            PgBouncer bouncer = new PgBouncer(database, mode, poolSize, port, directory, process);
            bouncer.awaitAccepting();
            return bouncer;
        } catch (IOException e) {
            deleteQuietly(directory);
            throw new UncheckedIOException("Could not start pgbouncer", e);
        }
    }

    /** The port PgBouncer listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The pool mode it was started with. */
    public PoolMode mode() {
        return mode;
    }

    /** Its {@code default_pool_size}. */
    public int poolSize() {
        return poolSize;
    }

    /** A JDBC URL of the test database through this PgBouncer, without parameters. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database.name();
    }

    /**
     * A JDBC URL of the test database through this PgBouncer with the given parameters, e.g.
     * {@code "prepareThreshold=0"} (no server-side prepared statements, as PgBouncer's transaction mode advises).
     */
    public String jdbcUrl(String parameters) {
        return parameters == null || parameters.isEmpty() ? jdbcUrl() : jdbcUrl() + "?" + parameters;
    }

    /** A new, unpooled data source of the test database through this PgBouncer, with the test database's login. */
    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        return dataSource;
    }

    /** Its temporary directory (configuration, auth file, output), deleted by {@link #close()}. */
    Path directory() {
        return directory;
    }

    /** What PgBouncer has logged so far, for assertion messages. */
    public String log() {
        try {
            return Files.readString(directory.resolve("pgbouncer.out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(pgbouncer's output cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Stops PgBouncer (its server connections close with it) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(directory);
        }
    }

    @Override
    public String toString() {
        return "PgBouncer on 127.0.0.1:" + port + " (pool_mode=" + mode.configValue() + ", default_pool_size="
                + poolSize + ")";
    }

    private void awaitAccepting() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = log();
                deleteQuietly(directory);
                throw new IllegalStateException(
                        "pgbouncer exited with code " + process.exitValue() + " right after it started:\n" + log);
            }
            PGSimpleDataSource dataSource = dataSource();
            dataSource.setConnectTimeout(2);
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isValid(2)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String log = log();
        close();
        throw new IllegalStateException("pgbouncer did not accept a login to " + database.name() + " within "
                + START_TIMEOUT_SECONDS + " s" + (last == null ? "" : " (" + last.getMessage() + ")") + ":\n" + log);
    }

    private static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pgbouncer"))) {
                return Optional.of(Path.of(dir, "pgbouncer"));
            }
        }
        return BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String quoted(String value) {
        return "\"" + (value == null ? "" : value.replace("\"", "\"\"")) + "\"";
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test over
        }
    }
}
