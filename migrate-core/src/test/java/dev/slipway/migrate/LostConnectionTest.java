package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresCluster;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The connection to PostgreSQL breaks while a migration runs: the server stops (a cluster of this test's own, stopped
 * with {@code -m immediate}), or the network goes silent without closing anything (a proxy in the test that stops
 * forwarding). Either way the migration fails promptly with a message that says the connection was lost, what is
 * applied and what the next start does, and never passes the driver's I/O error off as something PostgreSQL said.
 */
@ExtendWith(PostgresExtension.class)
class LostConnectionTest {

    private static PostgresCluster cluster;

    @BeforeAll
    static void createCluster() {
        cluster = PostgresCluster.create("lost");
    }

    @AfterAll
    static void dropCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aServerStoppedInTheMiddleOfAMigrationIsReportedAsALostConnection(@TempDir Path dir) throws Exception {
        PGSimpleDataSource dataSource = cluster.dataSource();
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_first", "CREATE TABLE first (id int);")
                .add(
                        "2_slow",
                        "-- slipway:transaction off\n"
                                + "CREATE TABLE second (id int);\n"
                                + "SELECT pg_sleep(60);\n"
                                + "CREATE TABLE third (id int);");
        Slipway slipway =
                Slipway.builder(dataSource).config(files.config().build()).build();
        List<String> events = new CopyOnWriteArrayList<>();

        CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(slipway::migrate);
        awaitActive(dataSource, "SELECT pg_sleep(60)%", migration);
        long stopped = System.nanoTime();
        cluster.stopImmediately();
        events.add("server stopped");
        MigrationFailedException failure = failureOf(migration);
        events.add("migration failed");
        System.out.printf(
                "LostConnectionTest: failure reported %d ms after the server stopped%n",
                (System.nanoTime() - stopped) / 1_000_000);

        assertThat(events).containsExactly("server stopped", "migration failed");
        assertThat(failure.getMessage())
                .as(failure.getMessage())
                .startsWith("Lost the connection to PostgreSQL while running migration 2_slow statement 2 (line 3) of ")
                .contains("-> statement 2: SELECT pg_sleep(60)")
                .contains(
                        "-> applied: statement 1 (line 2) of 3, and they stay applied (it runs outside a transaction);"
                                + " whether statement 2 took effect is not known")
                .contains("The server may have stopped or the network failed; the next start stops at statement 2 "
                        + "(line 3) until you check whether it took effect and resolve the migration")
                .doesNotContain("ERROR:");
        assertThat(failure.getServerMessage()).isNull();
        assertThat(failure.getSqlState()).startsWith("08");
        assertThat(failure.getStatement()).isEqualTo(2);
        assertThat(failure.getLine()).isEqualTo(3);

        cluster.start();
        // What the message said: 2_slow stays where it was, and the next start stops at its statement 2.
        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::id, MigrationInfo::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1_first", MigrationState.APPLIED),
                        org.assertj.core.groups.Tuple.tuple("2_slow", MigrationState.FAILED));
        assertThatThrownBy(slipway::migrate)
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("interrupted while it ran statement 2 (line 3");
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getTables(null, "public", "second", null).next())
                    .isTrue();
            assertThat(c.getMetaData().getTables(null, "public", "third", null).next())
                    .isFalse();
        }
    }

    @Test
    void aTransactionalMigrationCutByAStoppedServerLeavesNothingAndTheNextStartAppliesIt(@TempDir Path dir)
            throws Exception {
        PGSimpleDataSource dataSource = cluster.dataSource();
        dataSource.setDatabaseName("postgres");
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("CREATE DATABASE lost_tx");
        }
        dataSource.setDatabaseName("lost_tx");
        MigrationFiles files = new MigrationFiles(dir).add("1_tx", "CREATE TABLE a (id int);\nSELECT pg_sleep(60);");
        Slipway slipway =
                Slipway.builder(dataSource).config(files.config().build()).build();

        CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(slipway::migrate);
        awaitActive(dataSource, "SELECT pg_sleep(60)%", migration);
        cluster.stopImmediately();
        MigrationFailedException failure = failureOf(migration);

        assertThat(failure.getMessage())
                .as(failure.getMessage())
                .startsWith("Lost the connection to PostgreSQL while running migration 1_tx statement 2 (line 2) of ")
                .contains("-> applied: nothing of this migration: it runs in one transaction, which PostgreSQL rolls "
                        + "back when the session ends")
                .contains("the next start reads the history and runs the migration again unless it is recorded as "
                        + "applied")
                .doesNotContain("ERROR:");
        assertThat(failure.getServerMessage()).isNull();

        cluster.start();
        files.add("1_tx", "CREATE TABLE a (id int);");
        assertThat(Slipway.builder(dataSource)
                        .config(files.config().build())
                        .build()
                        .migrate()
                        .applied())
                .extracting(MigrationInfo::id)
                .containsExactly("1_tx");
    }

    @Test
    void aConnectionThatGoesSilentFailsTheMigrationAfterItsStatementTimeoutAndAMargin(
            TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE gate (id int)");
        try (SilentProxy proxy = new SilentProxy(db.jdbcUrl());
                Connection holder = db.connect()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(proxy.jdbcUrl(db.name()));
            dataSource.setUser(db.username());
            if (db.password() != null) {
                dataSource.setPassword(db.password());
            }
            MigrationFiles files = new MigrationFiles(dir)
                    .add(
                            "1_behind_gate",
                            "-- slipway:transaction off\n"
                                    + "-- slipway:lock-timeout 0\n"
                                    + "-- slipway:statement-timeout 2s\n"
                                    + "CREATE TABLE before_gate (id int);\n"
                                    + "ALTER TABLE gate ADD COLUMN note text;\n"
                                    + "CREATE TABLE after_gate (id int);");
            Slipway slipway = Slipway.builder(dataSource)
                    .config(files.config().baselineVersion("0").build())
                    .build();
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE gate IN ACCESS SHARE MODE");

            CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(slipway::migrate);
            awaitActive(db.dataSource(), "ALTER TABLE gate%", migration);
            long silent = System.nanoTime();
            proxy.goSilent();
            MigrationFailedException failure = failureOf(migration);
            System.out.printf(
                    "LostConnectionTest: silent connection reported %d ms after it went silent%n",
                    (System.nanoTime() - silent) / 1_000_000);

            assertThat(failure.getMessage())
                    .as(failure.getMessage())
                    .startsWith("Lost the connection to PostgreSQL while running migration 1_behind_gate statement 2 "
                            + "(line 5) of ")
                    .contains("java.net.SocketTimeoutException")
                    .contains("-> applied: statement 1 (line 4) of 3, and they stay applied")
                    .doesNotContain("ERROR:");
            assertThat(failure).hasRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(failure.getServerMessage()).isNull();
            assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'before_gate'"))
                    .isEqualTo(1);
            holder.rollback();
        }
    }

    private static void awaitActive(DataSource dataSource, String queryPattern, CompletableFuture<?> migration)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = dataSource.getConnection();
                    var s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE query LIKE ?"
                            + " AND state = 'active' AND pid <> pg_backend_pid()")) {
                s.setString(1, queryPattern);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
            }
            if (migration.isDone()) {
                migration.get();
            }
            assertThat(System.nanoTime())
                    .as("the migration never reached " + queryPattern)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static MigrationFailedException failureOf(CompletableFuture<MigrateResult> migration) throws Exception {
        try {
            MigrateResult result = migration.get(2, TimeUnit.MINUTES);
            throw new AssertionError("the migration did not fail: " + result);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(MigrationFailedException.class);
            return (MigrationFailedException) e.getCause();
        }
    }

    /**
     * A TCP proxy to the test server that, once told to go silent, keeps both connections open and reads what
     * arrives but forwards nothing more: a network partition as the client sees it.
     */
    private static final class SilentProxy implements AutoCloseable {

        private final ServerSocket server;
        private final String host;
        private final int port;
        private final AtomicBoolean silent = new AtomicBoolean();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        SilentProxy(String targetUrl) throws IOException {
            java.net.URI uri = java.net.URI.create(targetUrl.substring("jdbc:".length()));
            this.host = uri.getHost();
            this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "silent-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String jdbcUrl(String database) {
            return "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/" + database;
        }

        void goSilent() {
            silent.set(true);
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(host, port);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client.getInputStream(), upstream.getOutputStream());
                    pump(upstream.getInputStream(), client.getOutputStream());
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(InputStream in, OutputStream out) {
            Thread thread = new Thread(
                    () -> {
                        byte[] buffer = new byte[8192];
                        try {
                            for (int n; (n = in.read(buffer)) >= 0; ) {
                                if (!silent.get()) {
                                    out.write(buffer, 0, n);
                                    out.flush();
                                }
                            }
                        } catch (IOException ignored) {
                            // closed by close()
                        }
                    },
                    "silent-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
