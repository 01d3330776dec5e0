package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.slipway.migrate.TransactionPoolerException;
import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.test.PgBouncer;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * An application whose {@code spring.datasource.url} goes through a real PgBouncer in transaction mode: the startup
 * stops with Spring Boot's report of the refusal, naming the URL and {@code slipway.datasource.url}, and nothing is
 * created; with {@code slipway.datasource.url} pointing at PostgreSQL itself, as the action says, it starts and
 * migrates while the application keeps its pooler. Isolated, because it reads the captured console output.
 */
@ExtendWith({PostgresExtension.class, OutputCaptureExtension.class})
@Isolated
class TransactionPoolerStartupTests {

    @Test
    void anApplicationThroughATransactionPoolerStopsAtStartupAndStartsWithADirectSlipwayConnection(
            TestDatabase db, CapturedOutput output) {
        try (PgBouncer bouncer = PgBouncer.start(db, PgBouncer.PoolMode.TRANSACTION, 4)) {
            String pooled = bouncer.jdbcUrl("prepareThreshold=0");

            assertThatException()
                    .isThrownBy(() -> start(db, pooled).close())
                    .havingRootCause()
                    .isInstanceOf(TransactionPoolerException.class);

            assertThat(output)
                    .contains("APPLICATION FAILED TO START")
                    .contains("""
                            Description:

                            The connections Slipway was given go through a transaction pooler (such as PgBouncer with \
                            pool_mode=transaction): clients share server sessions there, so a session lock of one \
                            keeps nobody out. Slipway stopped before taking any lock or running any migration.
                            -> seen: \
                            """)
                    .contains("-> Slipway used the application's DataSource: spring.datasource.url=" + bouncer.jdbcUrl()
                            + " (slipway.datasource.url is not set)")
                    .contains("""
                            Action:

                            Give Slipway a direct connection to PostgreSQL, bypassing the pooler: set \
                            slipway.datasource.url=jdbc:postgresql://<PostgreSQL host>:<port>/<database> with \
                            slipway.datasource.username and slipway.datasource.password (the application may keep \
                            using the pooler).""");
            assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'pooled'"))
                    .isZero();
            assertThat(advisoryLocks(db)).isZero();

            try (ConfigurableApplicationContext context = start(
                    db,
                    pooled,
                    "--slipway.datasource.url=" + db.jdbcUrl(),
                    "--slipway.datasource.username=" + db.username(),
                    "--slipway.datasource.password=" + db.password())) {
                assertThat(context.isActive()).isTrue();
                assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'pooled'"
                                + " AND tablename = 'greetings'"))
                        .isOne();
            }
        }
    }

    private static long advisoryLocks(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())");
    }

    private static ConfigurableApplicationContext start(TestDatabase db, String url, String... more) {
        SpringApplication application = new SpringApplication(MigratingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--slipway.schema=pooled"));
        args.addAll(List.of(more));
        return application.run(args.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, SlipwayAutoConfiguration.class})
    static class MigratingApplication {}
}
