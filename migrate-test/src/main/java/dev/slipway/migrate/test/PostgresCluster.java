package dev.slipway.migrate.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL cluster of a test's own, for tests that stop or crash the server: never the shared one. Made with the
 * Debian cluster tools ({@code pg_createcluster} on a free port, trust authentication on the loopback), started by
 * {@link #create}, stopped with {@link #stopImmediately} (as a crash does: no checkpoint, every session cut) and
 * started again with {@link #start}, and dropped by {@link #close} (in {@code @AfterAll}). Needs the PostgreSQL
 * server packages (the same major version as the shared server, {@value #VERSION}) and a user who may run them (root,
 * or the cluster owner).
 */
public final class PostgresCluster implements AutoCloseable {

    /** The PostgreSQL major version of the clusters. */
    public static final String VERSION = "15";

    private final String name;
    private final int port;

    private PostgresCluster(String name, int port) {
        this.name = name;
        this.port = port;
    }

    /** Creates and starts a cluster named {@code slipway_<hint>_<pid>} on a free port. */
    public static PostgresCluster create(String hint) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for a test cluster", e);
        }
        PostgresCluster cluster = new PostgresCluster(
                "slipway_" + hint + "_" + ProcessHandle.current().pid(), port);
        run("pg_createcluster", VERSION, cluster.name, "-p", String.valueOf(port), "--", "--auth=trust");
        cluster.start();
        return cluster;
    }

    /** The port it listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** The JDBC URL of its {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A new unpooled data source of its {@code postgres} database, as user {@code postgres}. */
    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser("postgres");
        return dataSource;
    }

    /** Starts the server (again). */
    public void start() {
        run("pg_ctlcluster", VERSION, name, "start");
    }

    /** Stops the server at once, as a crash would: {@code pg_ctlcluster ... stop -m immediate}. */
    public void stopImmediately() {
        run("pg_ctlcluster", VERSION, name, "stop", "-m", "immediate");
    }

    /** Stops the server, whatever state it is in, and removes the cluster with its data. */
    @Override
    public void close() {
        run("pg_dropcluster", VERSION, name, "--stop");
    }

    private static void run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", List.of(command)) + " failed: " + output.strip()
                        + "\nTests that stop a server need the PostgreSQL " + VERSION + " server packages "
                        + "(postgresql-common's pg_createcluster) and the right to run them (root or postgres).");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + new ArrayList<>(List.of(command)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command[0], e);
        }
    }
}
