package dev.slipway.migrate.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PostgresTest
class PostgresExtensionTest {

    private static TestDatabase fromBeforeAll;
    private final TestDatabase fromConstructor;
    private TestDatabase fromBeforeEach;

    PostgresExtensionTest(TestDatabase db) {
        this.fromConstructor = db;
    }

    @BeforeAll
    static void createTable(TestDatabase db) {
        fromBeforeAll = db;
        db.execute("CREATE TABLE IF NOT EXISTS item (id int PRIMARY KEY, label text)");
    }

    @BeforeEach
    void fillTable(TestDatabase db) {
        fromBeforeEach = db;
        db.execute("TRUNCATE item; INSERT INTO item VALUES (2, 'b'), (1, 'a'), (3, NULL)");
    }

    @Test
    void injectsTheSameDatabaseEverywhere(TestDatabase db) {
        assertThat(db).isSameAs(fromBeforeAll).isSameAs(fromConstructor).isSameAs(fromBeforeEach);
    }

    @Test
    void connectsToTheClassesOwnFreshDatabase(TestDatabase db) {
        assertThat(db.name()).matches("slipway_postgresextensiontest_[a-z0-9]{8}");
        assertThat(db.queryString("SELECT current_database()")).isEqualTo(db.name());
        assertThat(db.queryStrings("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
                .containsExactly("item");
    }

    @Test
    void queriesFirstColumns(TestDatabase db) {
        assertThat(db.queryLong("SELECT count(*) FROM item")).isEqualTo(3);
        assertThat(db.queryString("SELECT label FROM item WHERE id = 1")).isEqualTo("a");
        assertThat(db.queryString("SELECT label FROM item WHERE id = 3")).isNull();
        assertThat(db.queryStrings("SELECT label, id FROM item ORDER BY id")).containsExactly("a", "b", null);
        assertThat(db.queryStrings("SELECT label FROM item WHERE id > 100")).isEmpty();
    }

    @Test
    void saysWhenAQueryHasNoAnswer(TestDatabase db) {
        assertThatIllegalStateException()
                .isThrownBy(() -> db.queryString("SELECT label FROM item WHERE id = 9"))
                .withMessageContaining("no row");
        assertThatIllegalStateException()
                .isThrownBy(() -> db.queryLong("SELECT NULL::bigint"))
                .withMessageContaining("NULL");
    }

    @Test
    void reportsServerErrorsUncheckedWithSqlState(TestDatabase db) {
        assertThatThrownBy(() -> db.execute("INSERT INTO missing VALUES (1)"))
                .isInstanceOf(UncheckedSQLException.class)
                .hasMessageContaining("\"missing\" does not exist")
                .hasMessageContaining("INSERT INTO missing VALUES (1)")
                .satisfies(e ->
                        assertThat(((UncheckedSQLException) e).getSQLState()).isEqualTo("42P01"));
    }

    @Test
    void givesConnectionDetailsThatWorkWithPlainJdbc(TestDatabase db) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_database(), current_user")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo(db.name());
            assertThat(row.getString(2)).isEqualTo(db.username());
        }
    }

    @Test
    void givesANewDataSourceAndConnectionOnEachCall(TestDatabase db) throws SQLException {
        assertThat(db.dataSource()).isNotSameAs(db.dataSource());
        assertThat(db.dataSource().getDatabaseName()).isEqualTo(db.name());
        try (Connection connection = db.connect()) {
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(connection.getCatalog()).isEqualTo(db.name());
        }
    }

    @Test
    void createsAnotherIsolatedDatabase(TestDatabase db) {
        TestDatabase other = db.createAnother("other");

        assertThat(other.name()).matches("slipway_postgresextensiontest_other_[a-z0-9]{8}");
        assertThat(other.queryString("SELECT current_database()")).isEqualTo(other.name());
        assertThat(other.queryStrings("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
                .isEmpty();
    }
}
