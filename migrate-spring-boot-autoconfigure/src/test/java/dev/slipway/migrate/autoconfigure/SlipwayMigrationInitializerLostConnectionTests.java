package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.migrate.MigrationFailedException;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.SlipwayListener;
import dev.slipway.migrate.test.PostgresCluster;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server stops (a cluster of this test's own, {@code -m immediate}) while the startup migrations run through the
 * application's HikariCP pool. The startup fails with the lost connection as soon as the driver notices it: nothing
 * asks the pool for another connection afterwards, which would wait out the pool's connection timeout (30 s) before
 * the failure is reported.
 */
class SlipwayMigrationInitializerLostConnectionTests {

    private static PostgresCluster cluster;

    @BeforeAll
    static void createCluster() {
        cluster = PostgresCluster.create("init");
    }

    @AfterAll
    static void dropCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aServerStoppedDuringTheStartupMigrationsFailsTheStartupWithoutAskingThePoolAgain(@TempDir Path dir)
            throws Exception {
        Files.createDirectories(dir.resolve("1_slow"));
        Files.writeString(dir.resolve("1_slow/migration.sql"), "CREATE TABLE t (id int);\nSELECT pg_sleep(60);\n");
        List<String> events = new CopyOnWriteArrayList<>();
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(cluster.jdbcUrl());
            pool.setUsername("postgres");
            CountDownLatch serverGone = new CountDownLatch(1);
            Slipway slipway = Slipway.builder(new Recording(pool, events))
                    .config(SlipwayConfig.builder()
                            .locations("filesystem:" + dir)
                            .build())
                    .listener(new SlipwayListener() {
                        @Override
                        public void migrationFailed(MigrationInfo migration, SlipwayException error) {
                            // What follows the failure runs once the server is down for good, as after a real crash.
                            awaitQuietly(serverGone);
                            events.add("migration failed");
                        }
                    })
                    .build();
            SlipwayMigrationInitializer initializer = new SlipwayMigrationInitializer(slipway);

            CompletableFuture<Void> startup = CompletableFuture.runAsync(initializer::afterPropertiesSet);
            awaitSleeping(startup);
            long stopped = System.nanoTime();
            cluster.stopImmediately();
            events.add("server stopped");
            serverGone.countDown();
            Throwable failure = failureOf(startup);
            events.add("startup failed");
            System.out.printf(
                    "SlipwayMigrationInitializerLostConnectionTests: startup failed %d ms after the server "
                            + "stopped%n",
                    (System.nanoTime() - stopped) / 1_000_000);

            // Before the server stopped: the migration's connection and the pooler check's second one. After it:
            // nothing asks the pool for a connection (Hikari would wait out its connection timeout).
            int stoppedAt = events.indexOf("server stopped");
            assertThat(events.subList(0, stoppedAt)).isNotEmpty().containsOnly("getConnection");
            assertThat(events.subList(stoppedAt, events.size()))
                    .containsExactly("server stopped", "migration failed", "startup failed");
            assertThat(failure).isInstanceOf(MigrationFailedException.class);
            assertThat(failure.getMessage())
                    .startsWith("Lost the connection to PostgreSQL while running migration "
                            + "1_slow statement 2 (line 2) of ");
            assertThat(((MigrationFailedException) failure).getServerMessage()).isNull();
        } finally {
            cluster.start();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitSleeping(CompletableFuture<Void> startup) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = cluster.dataSource().getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE query LIKE 'SELECT pg_sleep(60)%' AND state = 'active'");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            if (startup.isDone()) {
                startup.get();
            }
            assertThat(System.nanoTime())
                    .as("the migration never reached its long statement")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static Throwable failureOf(CompletableFuture<Void> startup) throws Exception {
        try {
            startup.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException ex) {
            return ex.getCause();
        }
        throw new AssertionError("the startup did not fail");
    }

    /** The pool, recording each time a connection is asked of it. */
    private record Recording(DataSource pool, List<String> events) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            this.events.add("getConnection");
            return this.pool.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            this.events.add("getConnection");
            return this.pool.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return this.pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            this.pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            this.pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return this.pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return this.pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return this.pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return this.pool.isWrapperFor(type);
        }
    }
}
