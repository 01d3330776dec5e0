package dev.slipway.migrate.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The harness starts a real PgBouncer whose pool mode is the one asked for, and removes it on close. */
@PostgresTest
class PgBouncerTest {

    @Test
    void transactionModeWithOneServerConnectionGivesTwoOpenConnectionsTheSameServerSession(TestDatabase db)
            throws SQLException {
        try (PgBouncer bouncer = PgBouncer.start(db, PgBouncer.PoolMode.TRANSACTION, 1);
                Connection first = bouncer.dataSource().getConnection();
                Connection second = bouncer.dataSource().getConnection()) {
            assertThat(bouncer.mode()).isEqualTo(PgBouncer.PoolMode.TRANSACTION);
            assertThat(backendPid(second)).isEqualTo(backendPid(first));
            assertThat(queryString(first, "SELECT current_database()")).isEqualTo(db.name());
            assertThat(queryString(first, "SELECT inet_server_port()::text"))
                    .isNotEqualTo(String.valueOf(bouncer.port()));
        }
    }

    @Test
    void sessionModeGivesEachConnectionItsOwnServerSessionAndCloseRemovesEverything(TestDatabase db)
            throws SQLException {
        PgBouncer bouncer = PgBouncer.start(db, PgBouncer.PoolMode.SESSION, 4);
        try (Connection first = bouncer.dataSource().getConnection();
                Connection second = bouncer.dataSource().getConnection()) {
            assertThat(backendPid(second)).isNotEqualTo(backendPid(first));
        } finally {
            bouncer.close();
        }
        assertThat(Files.exists(bouncer.directory())).as("its directory").isFalse();
        assertThatThrownBy(() -> bouncer.dataSource().getConnection().close()).isInstanceOf(SQLException.class);
        assertThat(db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid()"))
                .as("server connections left after close")
                .isZero();
    }

    private static int backendPid(Connection connection) throws SQLException {
        return Integer.parseInt(queryString(connection, "SELECT pg_backend_pid()"));
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
