package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slipway migrates PostgreSQL 12 or newer only. Pointed at another product (here a real H2 database, as an
 * application's test or local profile often is), every entry point refuses with the product and its version
 * before it sends any SQL, instead of failing on a PostgreSQL catalog query the other product does not know.
 */
@ExtendWith(PostgresExtension.class)
class UnsupportedDatabaseTest {

    /** The {@link Connection} methods that send SQL to the database. */
    private static final Set<String> SENDING_SQL =
            Set.of("createStatement", "prepareStatement", "prepareCall", "nativeSQL", "setSchema", "setCatalog");

    @Test
    void refusesH2WithItsNameAndVersionBeforeSendingAnySql(@TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir).add("20240101000000_init", "CREATE TABLE t (id int);");
        JdbcDataSource h2 = h2();
        List<String> sent = new CopyOnWriteArrayList<>();
        Slipway slipway = Slipway.builder(new SingleConnectionDataSource(recording(h2.getConnection(), sent::add)))
                .config(files.config().build())
                .build();

        assertThatThrownBy(slipway::migrate).isInstanceOfSatisfying(UnsupportedDatabaseException.class, (refusal) -> {
            assertThat(refusal.getProductName()).isEqualTo("H2");
            assertThat(refusal.getProductVersion()).isEqualTo(org.h2.engine.Constants.FULL_VERSION);
            assertThat(refusal.isPostgreSql()).isFalse();
            assertThat(refusal.getDescription())
                    .isEqualTo("Slipway migrates PostgreSQL only, but the database is H2 "
                            + org.h2.engine.Constants.FULL_VERSION + ".");
            assertThat(refusal.getAction())
                    .hasToString("Connect Slipway to a PostgreSQL database (12 or newer) with "
                            + "the migration login's URL, or, where the application runs on H2 on purpose, turn Slipway off "
                            + "there: set Slipway's enabled setting to false.");
            assertThat(refusal.getMessage())
                    .isEqualTo(refusal.getDescription() + "\n" + refusal.getAction())
                    .doesNotContainPattern("slipway\\.[a-z]")
                    .doesNotContainIgnoringCase("pg_class");
        });
        assertThat(sent).as("SQL sent to H2").isEmpty();
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement();
                ResultSet tables = s.executeQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema <> 'INFORMATION_SCHEMA'")) {
            tables.next();
            assertThat(tables.getLong(1)).as("tables created in H2").isZero();
        }
    }

    @Test
    void everyEntryPointRefusesH2(@TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir).add("20240101000000_init", "CREATE TABLE t (id int);");
        Slipway slipway = Slipway.builder(h2()).config(files.config().build()).build();

        assertThatThrownBy(slipway::status).isInstanceOf(UnsupportedDatabaseException.class);
        assertThatThrownBy(slipway::validate).isInstanceOf(UnsupportedDatabaseException.class);
        assertThatThrownBy(slipway::heartbeat).isInstanceOf(UnsupportedDatabaseException.class);
        assertThatThrownBy(slipway::contract).isInstanceOf(UnsupportedDatabaseException.class);
    }

    /**
     * No PostgreSQL 11 server is at hand, so the real server's connection reports major version 11 through its
     * metadata; everything else is the real PostgreSQL 15, which the next test shows is accepted.
     */
    @Test
    void refusesPostgreSqlOlderThanTwelveWithItsVersion(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir).add("20240101000000_init", "CREATE TABLE t (id int);");
        List<String> sent = new CopyOnWriteArrayList<>();
        try (Connection real = db.connect()) {
            Connection eleven = reportingVersion(recording(real, sent::add), 11, "11.22");
            Slipway slipway = Slipway.builder(new SingleConnectionDataSource(eleven))
                    .config(files.config().build())
                    .build();

            assertThatThrownBy(slipway::migrate).isInstanceOfSatisfying(UnsupportedDatabaseException.class, (e) -> {
                assertThat(e.isPostgreSql()).isTrue();
                assertThat(e.getMajorVersion()).isEqualTo(11);
                assertThat(e.getDescription())
                        .isEqualTo("Slipway needs PostgreSQL 12 or newer, but the database is PostgreSQL 11.22.");
                assertThat(e.getAction())
                        .hasToString("Upgrade the server to PostgreSQL 12 or newer, or point Slipway "
                                + "at another server that is (the migration login's URL).");
            });
            assertThat(sent).as("SQL sent to the server").isEmpty();
            assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename IN ('t', 'slipway_migrations')"))
                    .isZero();
        }
    }

    @Test
    void migratesPostgreSqlTwelveAndNewer(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir).add("20240101000000_init", "CREATE TABLE t (id int);");
        try (Connection real = db.connect()) {
            assertThat(real.getMetaData().getDatabaseMajorVersion()).isGreaterThanOrEqualTo(12);

            MigrateResult result = Slipway.builder(new SingleConnectionDataSource(real))
                    .config(files.config().build())
                    .build()
                    .migrate();

            assertThat(result.appliedCount()).isEqualTo(1);
        }
    }

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** The connection, telling {@code sent} of every call that would send SQL. */
    private static Connection recording(Connection connection, Consumer<String> sent) {
        return (Connection) Proxy.newProxyInstance(
                UnsupportedDatabaseTest.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (SENDING_SQL.contains(method.getName())) {
                        sent.accept(method.getName() + (args == null || args.length == 0 ? "" : " " + args[0]));
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The connection, with metadata that reports the given PostgreSQL version instead of the server's. */
    private static Connection reportingVersion(Connection connection, int major, String version) {
        return (Connection) Proxy.newProxyInstance(
                UnsupportedDatabaseTest.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    try {
                        if (method.getName().equals("getMetaData")) {
                            DatabaseMetaData real = connection.getMetaData();
                            return Proxy.newProxyInstance(
                                    UnsupportedDatabaseTest.class.getClassLoader(),
                                    new Class<?>[] {DatabaseMetaData.class},
                                    (p, m, a) -> switch (m.getName()) {
                                        case "getDatabaseMajorVersion" -> major;
                                        case "getDatabaseProductVersion" -> version;
                                        default -> m.invoke(real, a);
                                    });
                        }
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
