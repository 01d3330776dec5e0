package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.TransactionPoolerException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class TransactionPoolerFailureAnalyzerTests {

    private static final TransactionPoolerException REFUSAL = new TransactionPoolerException("two connections open at "
            + "the same time were served by the same server session (pg_backend_pid() 4711 on both)");

    @Test
    void namesSlipwaysOwnUrlWithoutItsParametersWhenThatIsWhatGoesThroughThePooler() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://pgbouncer:6432/app")
                .withProperty("slipway.datasource.url", "jdbc:postgresql://pgbouncer:6432/app?password=secret");

        FailureAnalysis analysis = new TransactionPoolerFailureAnalyzer(environment)
                .analyze(new BeanCreationException("slipwayMigrationInitializer", REFUSAL));

        assertThat(analysis.getDescription())
                .startsWith(REFUSAL.getDescription())
                .contains("\n-> seen: two connections open at the same time were served by the same server session "
                        + "(pg_backend_pid() 4711 on both)\n")
                .endsWith("-> Slipway's own connection: slipway.datasource.url=jdbc:postgresql://pgbouncer:6432/app")
                .doesNotContain("secret");
        assertThat(analysis.getAction())
                .startsWith("Give Slipway a direct connection to PostgreSQL, bypassing the "
                        + "pooler: set slipway.datasource.url=");
    }

    @Test
    void namesTheApplicationsUrlWhenSlipwayUsesItsDataSource() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://pgbouncer:6432/app?prepareThreshold=0");

        FailureAnalysis analysis = new TransactionPoolerFailureAnalyzer(environment).analyze(REFUSAL);

        assertThat(analysis.getDescription())
                .endsWith(
                        "-> Slipway used the application's DataSource: "
                                + "spring.datasource.url=jdbc:postgresql://pgbouncer:6432/app (slipway.datasource.url is not set)");
    }

    @Test
    void isTheOnlyAnalyzerOfTheRefusal() {
        assertThat(new SlipwayFailureAnalyzer().analyze(REFUSAL)).isNull();
    }
}
