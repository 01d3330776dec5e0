package dev.slipway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import dev.slipway.sample.rollout.FailedRequest;
import dev.slipway.sample.rollout.Fleet;
import dev.slipway.sample.rollout.LoadGenerator;
import dev.slipway.sample.rollout.NaiveMigration;
import dev.slipway.sample.rollout.Rotation;
import dev.slipway.sample.rollout.UserLedger;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The counter-proof of {@link ZeroDowntimeRolloutIT}: the same data, the same instances and the same load, but the
 * schema change applied the naive way ({@link NaiveMigration}: rename {@code users.name}, a table rewrite and a
 * unique index without {@code CONCURRENTLY}, in one transaction) while two v1 instances serve. Requests must fail,
 * and the load generator must record each with its request and the answer: so the rollout test's "not one failed
 * request" is an assertion that can fail.
 *
 * <p>The load routes by health, as in the rollout test, and the v1 instances stay {@code UP} throughout: their
 * health checks cannot see a renamed column, so a load balancer keeps sending them the requests that fail. Routing
 * by health neither hides the naive migration's failures nor causes them.
 */
@ExtendWith(PostgresExtension.class)
class NaiveMigrationIT {

    @Test
    void failsRequestsOfTheV1FleetWhenTheSchemaChangesTheNaiveWay(TestDatabase db) throws Exception {
        Path jar = Path.of(System.getProperty("sample-app.jar", "target/sample-app.jar"));
        Path logs = Path.of(System.getProperty("rollout.logs", "target/rollout-logs"))
                .resolve("naive");
        assertThat(jar).as("the repackaged jar (built by the package phase)").exists();

        Rotation rotation = new Rotation();
        LoadGenerator.Settings loadSettings = LoadGenerator.Settings.light();
        LoadGenerator load;
        try (Fleet fleet = new Fleet(ZeroDowntimeRolloutIT.fleetSettings(db, jar, logs), rotation)) {
            List<Fleet.Instance> v1 = new ArrayList<>(fleet.start("v1", 1, List.of()));
            ZeroDowntimeRolloutIT.seed(db);
            v1.addAll(fleet.start("v1", 1, List.of()));
            fleet.rotateIn(v1);

            load = new LoadGenerator(
                    rotation,
                    new UserLedger(ZeroDowntimeRolloutIT.seededNames(db), loadSettings.workers()),
                    loadSettings);
            try {
                load.phase("1 v1 x2");
                load.start();
                load.awaitRequestsInPhase(
                        ZeroDowntimeRolloutIT.REQUESTS_PER_PHASE, ZeroDowntimeRolloutIT.PHASE_TIMEOUT);
                load.phase("2 naive migration");
                try (Connection connection = db.connect()) {
                    connection.setSchema("slipway_sample");
                    NaiveMigration.apply(connection);
                }
                load.phase("3 v1 x2 after the naive migration");
                load.awaitRequestsInPhase(
                        ZeroDowntimeRolloutIT.REQUESTS_PER_PHASE, ZeroDowntimeRolloutIT.PHASE_TIMEOUT);
            } finally {
                load.close();
                System.out.println("Naive migration: " + load.requests() + " requests, "
                        + load.failures().size()
                        + " failed; " + load.health().removals().size() + " instance(s) taken out by health\n"
                        + load.latencies().table());
                load.health().removals().forEach(r -> System.out.println("taken out: " + r));
                load.failures().stream().limit(5).forEach(f -> System.out.println("failed: " + f));
            }
        }

        assertThat(load.health().removals())
                .as("instances taken out by health: the v1 instances answer UP while" + " their requests fail")
                .isEmpty();
        List<FailedRequest> failures = load.failures();
        assertThat(failures)
                .as("failed requests before the migration")
                .noneMatch(f -> f.phase().startsWith("1 "));
        assertThat(failures)
                .as("requests that failed once users.name was renamed under the v1 instances")
                .anySatisfy(f -> {
                    assertThat(f.phase()).startsWith("3 ");
                    assertThat(f.method()).isEqualTo("GET");
                    assertThat(f.path()).matches("/users/\\d+");
                    assertThat(f.instance()).startsWith("v1-");
                    assertThat(f.status()).isEqualTo(500);
                    assertThat(f.responseBody()).contains("500");
                    assertThat(f.problem()).isEqualTo("expected 200");
                })
                .anySatisfy(f -> {
                    assertThat(f.method()).isEqualTo("PUT");
                    assertThat(f.path()).matches("/users/\\d+");
                    assertThat(f.requestBody()).startsWith("{\"name\": \"Renamed ");
                    assertThat(f.status()).isEqualTo(500);
                });
        assertThat(db.queryLong("SELECT count(*) FROM slipway_sample.posts WHERE slug IS NULL"))
                .as("posts without a slug after the rewrite")
                .isZero();
    }
}
