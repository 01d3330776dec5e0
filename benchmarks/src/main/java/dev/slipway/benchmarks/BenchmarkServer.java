package dev.slipway.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the benchmark runs on, as the tests find it without Docker: {@code SLIPWAY_TEST_JDBC_URL}
 * (with {@code SLIPWAY_TEST_USERNAME}, {@code SLIPWAY_TEST_PASSWORD}) if set, else the local server
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres} as {@code postgres}. Every apply gets a database of its own.
 */
final class BenchmarkServer {

    /** Enough for a lock connection, a migration connection and a spare, for every contender alike. */
    static final int POOL_SIZE = 4;

    private final String adminUrl;
    private final String username;
    private final String password;

    private BenchmarkServer(String adminUrl, String username, String password) {
        this.adminUrl = adminUrl;
        this.username = username;
        this.password = password;
    }

    static BenchmarkServer fromEnvironment(Map<String, String> environment) {
        String url = environment.get("SLIPWAY_TEST_JDBC_URL");
        if (url == null || url.isBlank()) {
            return new BenchmarkServer("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null);
        }
        return new BenchmarkServer(
                url.trim(), environment.get("SLIPWAY_TEST_USERNAME"), environment.get("SLIPWAY_TEST_PASSWORD"));
    }

    /** The admin URL, for the report. */
    String adminUrl() {
        return adminUrl.replaceAll("([?&]password=)[^&]*", "$1***");
    }

    /** The server's version, e.g. "15.4 (Debian 15.4-1)". */
    String serverVersion() throws SQLException {
        return queryString("SHOW server_version");
    }

    /** The server settings that weigh most on many small transactions, e.g. "fsync=on, synchronous_commit=on". */
    String durabilitySettings() throws SQLException {
        return queryString("SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings"
                + " WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes')");
    }

    /** The memory settings that weigh on a large update, e.g. "shared_buffers=16384 (8kB), max_wal_size=1024 (MB)". */
    String memorySettings() throws SQLException {
        return queryString(
                "SELECT string_agg(name || '=' || setting || coalesce(' ' || unit, ''), ', ' ORDER BY name)"
                        + " FROM pg_settings WHERE name IN ('shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'autovacuum')");
    }

    private String queryString(String sql) throws SQLException {
        try (Connection connection = dataSource(null).getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    /** Creates an empty database and returns its name. */
    String createDatabase() throws SQLException {
        String name =
                "slipway_bench_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        admin("CREATE DATABASE " + name);
        return name;
    }

    void dropDatabase(String name) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** A HikariCP pool of {@value #POOL_SIZE} connections to the database, all open before it is returned. */
    HikariDataSource pool(String database) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource(database));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setPoolName("benchmark-" + database);
        HikariDataSource pool = new HikariDataSource(config);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pool.getHikariPoolMXBean().getIdleConnections() < POOL_SIZE && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return pool;
    }

    /** The JDBC URL of one database on this server: the admin URL with the database name replaced. */
    String jdbcUrl(String database) {
        return adminUrl.replaceFirst("^(jdbc:postgresql://[^/?]*)(/[^?]*)?", "$1/" + database);
    }

    /** The user name to connect as, or {@code null} for the driver's default. */
    String username() {
        return username;
    }

    /** The password, or {@code null} for none. */
    String password() {
        return password;
    }

    /** Runs a query that returns one value, in the given database, and returns it as text. */
    String queryString(String database, String sql) throws SQLException {
        try (Connection connection = dataSource(database).getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    /** A new connection to one database on this server, in autocommit. */
    Connection connect(String database) throws SQLException {
        return dataSource(database).getConnection();
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = dataSource(null).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(adminUrl);
        if (database != null) {
            dataSource.setDatabaseName(database);
        }
        if (username != null) {
            dataSource.setUser(username);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }
}
