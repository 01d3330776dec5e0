package dev.slipway.migrate.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Supplier;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/** A reachable server and its admin database, where test databases are created and dropped. */
final class PostgresServer {

    private static final String DUPLICATE_DATABASE = "42P04";
    private static final int MAX_CREATE_ATTEMPTS = 3;
    private static final int DROP_WITH_FORCE_SINCE = 130000;

    private final ServerAddress admin;
    private final String username;
    private final String password;
    private final String version;
    private final int versionNumber;

    private PostgresServer(ServerAddress admin, String username, String password, String version, int versionNumber) {
        this.admin = admin;
        this.username = username;
        this.password = password;
        this.version = version;
        this.versionNumber = versionNumber;
    }

    /** Connects once to check that the server is there and to learn the effective user and the version. */
    static PostgresServer connect(ServerAddress admin) throws SQLException {
        try (Connection connection = adminDataSource(admin).getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_user, current_setting('server_version'),"
                        + " current_setting('server_version_num')::int")) {
            row.next();
            return new PostgresServer(admin, row.getString(1), passwordOf(admin), row.getString(2), row.getInt(3));
        }
    }

    /** The address this server was reached at. */
    ServerAddress admin() {
        return admin;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    String jdbcUrl(String database) {
        return JdbcUrls.withDatabase(admin.jdbcUrl(), database);
    }

    /** E.g. "the local server jdbc:postgresql://127.0.0.1:5432/postgres as postgres (PostgreSQL 15.4)". */
    String description() {
        return admin.description() + " " + JdbcUrls.redact(admin.jdbcUrl()) + " as " + username + " (PostgreSQL "
                + version + ")";
    }

    /** Creates a database with a name from {@code names}, trying another name if one is taken. */
    String createDatabase(Supplier<String> names) {
        for (int attempt = 1; ; attempt++) {
            String name = names.get();
            try {
                execute("CREATE DATABASE " + quote(name));
                return name;
            } catch (UncheckedSQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState()) || attempt == MAX_CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Drops a database even if connections to it are still open. */
    void dropDatabase(String name) {
        if (versionNumber >= DROP_WITH_FORCE_SINCE) {
            execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
        } else {
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name.replace("'", "''")
                    + "'");
            execute("DROP DATABASE IF EXISTS " + quote(name));
        }
    }

    private void execute(String sql) {
        try (Connection connection = adminDataSource(admin).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new UncheckedSQLException(sql, e);
        }
    }

    private static PGSimpleDataSource adminDataSource(ServerAddress admin) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(admin.jdbcUrl());
        if (admin.username() != null) {
            dataSource.setUser(admin.username());
        }
        if (admin.password() != null) {
            dataSource.setPassword(admin.password());
        }
        return dataSource;
    }

    private static String passwordOf(ServerAddress admin) {
        if (admin.password() != null) {
            return admin.password();
        }
        Properties fromUrl = Driver.parseURL(admin.jdbcUrl(), null);
        return fromUrl == null ? "" : fromUrl.getProperty("password", "");
    }

    /** Test database names are [a-z0-9_] only (see {@link DatabaseNames}); quoting guards the admin SQL anyway. */
    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
