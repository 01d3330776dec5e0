package dev.slipway.migrate.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database that {@link PostgresExtension} created for one test class and drops after it. Inject it as a
 * parameter. The query helpers open a connection per call (autocommit) and throw {@link UncheckedSQLException},
 * so they fit in lambdas and threads; use {@link #connect()} for anything transactional.
 */
public final class TestDatabase {

    private final PostgresServer server;
    private final ClassDatabases owner;
    private final String name;

    TestDatabase(PostgresServer server, ClassDatabases owner, String name) {
        this.server = server;
        this.owner = owner;
        this.name = name;
    }

    /** The database name, e.g. {@code slipway_historytabletests_k3f9x0qa}: lower case, no quoting needed. */
    public String name() {
        return name;
    }

    /** A JDBC URL of this database. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The user that connects; the owner of this database. */
    public String username() {
        return server.username();
    }

    /** The password, or an empty string when the server asks for none. Never {@code null}. */
    public String password() {
        return server.password();
    }

    /** A new, unpooled data source of this database on each call, so a caller may adjust its own copy. */
    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(username());
        dataSource.setPassword(password());
        return dataSource;
    }

    /** A new connection to this database, in autocommit mode; the caller closes it. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /** Runs SQL that returns no rows; it may hold several statements separated by semicolons. */
    public void execute(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new UncheckedSQLException(sql, e);
        }
    }

    /**
     * The first column of the first row as a {@code long}, e.g. of {@code SELECT count(*) FROM t}.
     *
     * @throws IllegalStateException if the query returns no row or {@code NULL}
     */
    public long queryLong(String sql) {
        String value = queryString(sql);
        if (value == null) {
            throw new IllegalStateException("Query returned NULL, expected a number: " + sql);
        }
        return Long.parseLong(value);
    }

    /**
     * The first column of the first row as text ({@code null} for SQL {@code NULL}).
     *
     * @throws IllegalStateException if the query returns no row
     */
    public String queryString(String sql) {
        List<String> values = queryStrings(sql);
        if (values.isEmpty()) {
            throw new IllegalStateException("Query returned no row: " + sql);
        }
        return values.get(0);
    }

    /** The first column of every row as text, in the order the query returns them. */
    public List<String> queryStrings(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new UncheckedSQLException(sql, e);
        }
    }

    /**
     * Creates one more fresh database on the same server, dropped with this one after the test class; for tests
     * that need two databases, e.g. to check that state does not leak between them.
     *
     * @param hint a word put into the new database's name, e.g. {@code "other"}
     */
    public TestDatabase createAnother(String hint) {
        return owner.create(hint);
    }

    @Override
    public String toString() {
        return name;
    }
}
