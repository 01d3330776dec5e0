package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a transaction-pooling proxy (PgBouncer in transaction mode) consecutive statements of one client
 * connection run in different server sessions, so a session advisory lock protects nothing. Slipway must
 * notice and refuse, before it runs any migration.
 */
@ExtendWith(PostgresExtension.class)
class TransactionPoolerDetectionTest {

    @Test
    void refusesToMigrateWhenStatementsLandInDifferentServerSessions(TestDatabase db, @TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir).add("1_t", "CREATE TABLE t (id int);");
        try (Connection first = db.connect();
                Connection second = db.connect()) {
            Connection pooled = alternating(List.of(first, second));

            assertThatThrownBy(() -> Slipway.builder(new SingleConnectionDataSource(pooled))
                            .config(files.config().build())
                            .build()
                            .migrate())
                    .isInstanceOf(SlipwayException.class)
                    .hasMessageContaining("transaction-pooling proxy")
                    .hasMessageContaining("the migration login's URL");
            assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 't'"))
                    .isZero();
        }
    }

    @Test
    void givesBackTheLockItTookInThePoolersOtherSessionWhileThoseSessionsStayOpen(TestDatabase db, @TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir).add("1_t", "CREATE TABLE t (id int);");
        try (Connection first = db.connect();
                Connection second = db.connect()) {
            Connection pooled = alternating(List.of(first, second));
            assertThatThrownBy(() -> Slipway.builder(new SingleConnectionDataSource(pooled))
                            .config(files.config().build())
                            .build()
                            .migrate())
                    .hasMessageContaining("transaction-pooling proxy");

            // The pooler keeps both server sessions open: a lock left in either would keep out every instance
            assertThat(db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
                    .as("advisory locks held in this database after the refusal")
                    .isZero();
            MigrateResult direct = Slipway.builder(db.dataSource())
                    .config(files.config()
                            .lockWaitTimeout(Duration.ofSeconds(5))
                            .build())
                    .build()
                    .migrate();
            assertThat(direct.appliedCount()).isEqualTo(1);
        }
    }

    /** A connection whose every statement goes to the next of the given connections, as a pooler would route it. */
    private static Connection alternating(List<Connection> connections) {
        AtomicInteger next = new AtomicInteger();
        return (Connection) Proxy.newProxyInstance(
                TransactionPoolerDetectionTest.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    try {
                        if (method.getName().equals("createStatement")
                                || method.getName().equals("prepareStatement")) {
                            return method.invoke(connections.get(next.getAndIncrement() % connections.size()), args);
                        }
                        Object result = null;
                        for (Connection c : connections) {
                            result = method.invoke(c, args);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
