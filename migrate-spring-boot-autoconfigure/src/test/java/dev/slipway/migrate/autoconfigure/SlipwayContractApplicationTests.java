package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contract migrations in running web applications, two releases side by side on one schema: release 1 ships
 * {@code people} with {@code name}; release 2 adds the {@code people_display_name} backfill and a contract migration
 * that drops {@code name} once the backfill is complete and no instance of release 1 runs. Each instance heartbeats
 * into {@code slipway_instances}; read over HTTP as an operator would.
 */
@PostgresTest
@ResourceLock(SpringLogging.SYSTEM)
class SlipwayContractApplicationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String CONTRACT = "2";

    private final JsonMapper json = JsonMapper.builder().build();

    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    private final TestDatabase db;

    SlipwayContractApplicationTests(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void closeApplications() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void autoModeAppliesTheContractMigrationOnceTheOldReleaseHasStopped() throws Exception {
        ConfigurableApplicationContext v1 = startRelease1("auto");
        ConfigurableApplicationContext v2 = startRelease2("auto");
        awaitBackfillCompleted("auto");

        // The backfill is complete, but an instance of release 1 still runs: the contract migration waits.
        JsonNode waiting = awaitMigration(
                v2,
                (m) -> m.path("state").asString().equals("AWAITING")
                        && m.path("awaitingReason").asString().contains("older version"));
        String v2Id = selfId(v2);
        String v1Id = instanceIds(v2).stream()
                .filter((id) -> !id.equals(v2Id))
                .findFirst()
                .orElseThrow();
        assertThat(waiting.path("awaitingReason").asString()).contains(v1Id).contains("its newest migration is 1");
        assertThat(waiting.path("phase").asString()).isEqualTo("CONTRACT");
        assertThat(instanceIds(v2)).hasSize(2);
        awaitHeartbeats("auto", v1Id, 3);
        assertThat(columnExists("auto", "name"))
                .as("not applied while release 1 runs")
                .isTrue();

        v1.close();

        JsonNode applied = awaitMigration(v2, (m) -> m.path("state").asString().equals("APPLIED"));
        assertThat(applied.has("awaitingReason")).isFalse();
        assertThat(columnExists("auto", "name")).isFalse();
        assertThat(instanceIds(v2)).containsExactly(selfId(v2));
        assertThat(db.queryLong("SELECT count(*) FROM auto.people WHERE display_name = 'person ' || id"))
                .isEqualTo(2000);
    }

    @Test
    void theContractMigrationWaitsForItsBackfillAndTheReasonSaysSo() throws Exception {
        ConfigurableApplicationContext v2 = startRelease2("backfill_first", "slipway.backfill.enabled=false");

        JsonNode waiting = awaitMigration(v2, (m) -> m.path("state").asString().equals("AWAITING"));
        assertThat(waiting.path("awaitingReason").asString()).contains("backfill people_display_name has not started");
        awaitHeartbeats("backfill_first", selfId(v2), 3);
        assertThat(columnExists("backfill_first", "name")).isTrue();
        v2.close();

        // The next start runs the backfill, and the contract migration follows it.
        ConfigurableApplicationContext again = startRelease2("backfill_first");
        awaitMigration(again, (m) -> m.path("state").asString().equals("APPLIED"));
        assertThat(db.queryString("SELECT state FROM backfill_first.slipway_backfills"))
                .isEqualTo("COMPLETED");
        assertThat(
                        db.queryLong(
                                "SELECT count(*) FROM backfill_first.slipway_migrations m, "
                                        + "backfill_first.slipway_backfills b WHERE m.version = '2' AND m.finished_at >= b.finished_at"))
                .as("applied after the backfill finished")
                .isOne();
    }

    @Test
    void manualModeAppliesOnlyOnTheTrigger() throws Exception {
        ConfigurableApplicationContext v2 = startRelease2(
                "manual", "slipway.contract.mode=manual", "slipway.actuator.write-operations.enabled=true");
        awaitBackfillCompleted("manual");
        awaitMigration(v2, (m) -> m.path("state").asString().equals("PENDING"));
        awaitHeartbeats("manual", selfId(v2), 3);
        assertThat(columnExists("manual", "name"))
                .as("manual mode applies nothing by itself")
                .isTrue();

        // What a cross-site form or a bare curl -X POST sends is refused before anything runs: no CORS preflight,
        // no trigger.
        String contract = "/actuator/slipway/migrations/contract";
        assertThat(AppHttp.post(v2, contract, null, null).statusCode()).isEqualTo(415);
        assertThat(AppHttp.post(v2, contract, "application/x-www-form-urlencoded", "reason=x")
                        .statusCode())
                .isEqualTo(415);
        assertThat(AppHttp.post(v2, contract, "text/plain", "{}").statusCode()).isEqualTo(415);
        assertThat(AppHttp.post(v2, contract, "multipart/form-data; boundary=b", "--b--")
                        .statusCode())
                .isEqualTo(415);
        assertThat(columnExists("manual", "name"))
                .as("a refused trigger applies nothing")
                .isTrue();

        HttpResponse<String> response =
                AppHttp.post(v2, contract, "application/json", "{\"reason\": \"release 2 is everywhere\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("action").asString()).isEqualTo("contract");
        assertThat(body.path("migrations").path(0).path("version").asString()).isEqualTo(CONTRACT);
        assertThat(body.path("migrations").path(0).path("state").asString()).isEqualTo("APPLIED");
        assertThat(columnExists("manual", "name")).isFalse();
    }

    @Test
    void theTriggerAnswersWhatStillWaitsAndIsRefusedWhenWritesOrContractsAreOff() throws Exception {
        ConfigurableApplicationContext v1 = startRelease1("trigger");
        ConfigurableApplicationContext v2 = startRelease2(
                "trigger", "slipway.contract.mode=manual", "slipway.actuator.write-operations.enabled=true");
        ConfigurableApplicationContext off = startRelease2(
                "trigger",
                "slipway.contract.mode=off",
                "slipway.actuator.write-operations.enabled=true",
                "slipway.backfill.enabled=false");
        ConfigurableApplicationContext readOnly =
                startRelease2("trigger", "slipway.contract.mode=manual", "slipway.backfill.enabled=false");
        awaitBackfillCompleted("trigger");

        HttpResponse<String> waits = AppHttp.post(v2, "/actuator/slipway/migrations/contract");
        assertThat(waits.statusCode()).as(waits.body()).isEqualTo(200);
        JsonNode body = json.readTree(waits.body());
        assertThat(body.path("migrations").size()).isZero();
        assertThat(body.path("awaiting").path(0).path("awaitingReason").asString())
                .contains("older version");

        HttpResponse<String> refusedOff = AppHttp.post(off, "/actuator/slipway/migrations/contract");
        assertThat(refusedOff.statusCode()).isEqualTo(409);
        assertThat(refusedOff.body()).contains("slipway.contract.mode=off");
        assertThat(json.readTree(AppHttp.get(off, "/actuator/slipway").body())
                        .path("contractMode")
                        .asString())
                .isEqualTo("OFF");

        HttpResponse<String> refusedWrites = AppHttp.post(readOnly, "/actuator/slipway/migrations/contract");
        assertThat(refusedWrites.statusCode()).isEqualTo(403);
        assertThat(refusedWrites.body()).contains("slipway.actuator.write-operations.enabled=true");

        v1.close();
        HttpResponse<String> applies = AppHttp.post(v2, "/actuator/slipway/migrations/contract");
        assertThat(json.readTree(applies.body())
                        .path("migrations")
                        .path(0)
                        .path("state")
                        .asString())
                .isEqualTo("APPLIED");
        assertThat(columnExists("trigger", "name")).isFalse();
    }

    @Test
    void aContractMigrationThatFailsInTheBackgroundIsTriedOnceAndShowsItsError() throws Exception {
        ConfigurableApplicationContext app =
                start("broken", "classpath:db/fleet-v1,classpath:db/fleet-broken-contract", null);

        JsonNode failed = awaitMigration(app, "3", (m) -> m.has("error"));
        assertThat(failed.path("state").asString()).isEqualTo("PENDING");
        assertThat(failed.path("error").asString()).contains("nickname").contains("does not exist");
        awaitHeartbeats("broken", selfId(app), 5);
        assertThat(db.queryLong("SELECT count(*) FROM broken.slipway_migrations WHERE version = '3'"))
                .as("one failed attempt: the contract task does not retry a failing destructive change")
                .isOne();
    }

    private ConfigurableApplicationContext startRelease1(String schema, String... properties) {
        return start(schema, "classpath:db/fleet-v1", null, properties);
    }

    private ConfigurableApplicationContext startRelease2(String schema, String... properties) {
        Backfill displayName = Backfill.named("people_display_name")
                .table("people")
                .set("display_name = name")
                .where("display_name IS NULL")
                .batchSize(500)
                .build();
        return start(schema, "classpath:db/fleet-v1,classpath:db/fleet-v2", displayName, properties);
    }

    private ConfigurableApplicationContext start(
            String schema, String locations, Backfill backfill, String... properties) {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        SpringApplicationBuilder builder = new SpringApplicationBuilder(FleetApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(),
                        "slipway.schema=" + schema,
                        "slipway.locations=" + locations,
                        "slipway.instances.heartbeat-interval=200ms",
                        "slipway.backfill.poll-interval=100ms",
                        "management.endpoints.web.exposure.include=slipway,health")
                .properties(properties);
        if (backfill != null) {
            builder.initializers((ctx) ->
                    ((GenericApplicationContext) ctx).registerBean("backfill", Backfill.class, () -> backfill));
        }
        ConfigurableApplicationContext context = builder.run();
        started.add(context);
        return context;
    }

    private JsonNode awaitMigration(ConfigurableApplicationContext app, Predicate<JsonNode> condition)
            throws Exception {
        return awaitMigration(app, CONTRACT, condition);
    }

    private JsonNode awaitMigration(ConfigurableApplicationContext app, String version, Predicate<JsonNode> condition)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            JsonNode migration = migration(app, version);
            if (condition.test(migration)) {
                return migration;
            }
            assertThat(System.nanoTime())
                    .as("contract migration within %s; it is %s", TIMEOUT, migration)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private JsonNode migration(ConfigurableApplicationContext app, String version) throws Exception {
        for (JsonNode migration :
                json.readTree(AppHttp.get(app, "/actuator/slipway").body()).path("migrations")) {
            if (migration.path("version").asString().equals(version)) {
                return migration;
            }
        }
        throw new AssertionError("No migration " + version + " in /actuator/slipway");
    }

    private List<String> instanceIds(ConfigurableApplicationContext app) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode instance :
                json.readTree(AppHttp.get(app, "/actuator/slipway").body()).path("instances")) {
            ids.add(instance.path("id").asString());
        }
        return ids;
    }

    private String selfId(ConfigurableApplicationContext app) throws Exception {
        for (JsonNode instance :
                json.readTree(AppHttp.get(app, "/actuator/slipway").body()).path("instances")) {
            if (instance.path("self").asBoolean()) {
                return instance.path("id").asString();
            }
        }
        throw new AssertionError("The answering instance is not among the live instances");
    }

    /** Waits until the instance has heartbeated {@code count} more times: the background tasks had their turns. */
    private void awaitHeartbeats(String schema, String instanceId, int count) throws InterruptedException {
        String lastSeen =
                "SELECT last_seen::text FROM " + schema + ".slipway_instances WHERE id = '" + instanceId + "'";
        String previous = db.queryString(lastSeen);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int seen = 0; seen < count; ) {
            String now = db.queryString(lastSeen);
            if (!now.equals(previous)) {
                seen++;
                previous = now;
            }
            assertThat(System.nanoTime())
                    .as("%d heartbeats of %s", count, instanceId)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitBackfillCompleted(String schema) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<String> states = db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                                    + "' AND tablename = 'slipway_backfills'")
                            == 0
                    ? List.of()
                    : db.queryStrings("SELECT state FROM " + schema + ".slipway_backfills");
            if (states.equals(List.of("COMPLETED"))) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("backfill of %s completed; it is %s", schema, states)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private boolean columnExists(String schema, String column) {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'people' AND column_name = '" + column + "'")
                == 1;
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class FleetApplication {}
}
