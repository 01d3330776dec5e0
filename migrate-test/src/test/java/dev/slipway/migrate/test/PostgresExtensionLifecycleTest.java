package dev.slipway.migrate.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs example test classes through a JUnit launcher of their own, in parallel, and looks at the databases they
 * had once they are finished. The examples are nested classes, which Surefire does not pick up by itself.
 */
@PostgresTest
class PostgresExtensionLifecycleTest {

    /** Example class name to the databases its tests saw: the injected one first, then any created. */
    private static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();
    /** Left open on purpose: the database must be dropped all the same. */
    private static final List<Connection> LEAKED = new ArrayList<>();

    @Test
    void givesEachClassItsOwnDatabaseAndDropsItAfterwards(TestDatabase db) {
        TestExecutionSummary summary =
                runInParallel(FirstExample.class, SecondExample.class, PerClassExample.class, ExtendWithExample.class);

        assertSucceeded(summary, 4);
        assertThat(SEEN).containsOnlyKeys("FirstExample", "SecondExample", "PerClassExample", "ExtendWithExample");
        List<String> databases = SEEN.values().stream().flatMap(List::stream).toList();
        assertThat(databases).hasSize(5).doesNotHaveDuplicates();
        assertThat(SEEN.get("FirstExample").get(0)).startsWith("slipway_firstexample_");
        assertThat(SEEN.get("FirstExample").get(1)).startsWith("slipway_firstexample_second_");
        assertThat(existing(db, databases)).isEmpty();
        closeLeakedConnections();
    }

    @Test
    void sharesTheEnclosingClassesDatabaseWithNestedClasses(TestDatabase db) {
        TestExecutionSummary summary = runInParallel(OuterExample.class);

        assertSucceeded(summary, 2);
        assertThat(SEEN.get("OuterExample")).hasSize(1);
        assertThat(SEEN.get("InnerExample")).isEqualTo(SEEN.get("OuterExample"));
        assertThat(existing(db, SEEN.get("OuterExample"))).isEmpty();
    }

    private static TestExecutionSummary runInParallel(Class<?>... classes) {
        SEEN.clear();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static void assertSucceeded(TestExecutionSummary summary, int tests) {
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 20);
        assertThat(summary.getTotalFailureCount()).as(failures.toString()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(tests);
    }

    private static void closeLeakedConnections() {
        synchronized (LEAKED) {
            for (Connection connection : LEAKED) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // its database is gone, and the server ended the session: nothing left to close
                }
            }
            LEAKED.clear();
        }
    }

    private static List<String> existing(TestDatabase db, List<String> names) {
        return db.queryStrings(
                "SELECT datname FROM pg_database WHERE datname IN ('" + String.join("', '", names) + "')");
    }

    private static void record(String exampleClass, TestDatabase database) {
        assertThat(database.queryString("SELECT current_database()")).isEqualTo(database.name());
        SEEN.computeIfAbsent(exampleClass, key -> new ArrayList<>()).add(database.name());
    }

    @PostgresTest
    static class FirstExample {

        @Test
        void usesItsDatabase(TestDatabase db) throws SQLException {
            record("FirstExample", db);
            record("FirstExample", db.createAnother("second"));
            synchronized (LEAKED) {
                LEAKED.add(db.connect());
            }
        }
    }

    @PostgresTest
    static class SecondExample {

        @Test
        void usesItsDatabase(TestDatabase db) {
            record("SecondExample", db);
        }
    }

    @PostgresTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassExample {

        private final TestDatabase db;

        PerClassExample(TestDatabase db) {
            this.db = db;
        }

        @Test
        void usesItsDatabase() {
            record("PerClassExample", db);
        }
    }

    @ExtendWith(PostgresExtension.class)
    static class ExtendWithExample {

        @Test
        void usesItsDatabase(TestDatabase db) {
            record("ExtendWithExample", db);
        }
    }

    @PostgresTest
    static class OuterExample {

        @Test
        void usesItsDatabase(TestDatabase db) {
            record("OuterExample", db);
        }

        @Nested
        class InnerExample {

            @Test
            void usesTheSameDatabase(TestDatabase db) {
                record("InnerExample", db);
            }
        }
    }
}
