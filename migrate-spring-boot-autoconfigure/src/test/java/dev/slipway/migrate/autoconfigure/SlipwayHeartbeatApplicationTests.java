package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
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
 * The fleet does not lose a live instance to one transient error: running web applications whose heartbeat into
 * {@code slipway_instances} is refused once by the real database, and whose background task dies, read over HTTP
 * and in the database as an operator would.
 */
@PostgresTest
@ResourceLock(SpringLogging.SYSTEM)
class SlipwayHeartbeatApplicationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final JsonMapper json = JsonMapper.builder().build();

    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    private final TestDatabase db;

    SlipwayHeartbeatApplicationTests(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void closeApplications() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aHeartbeatRefusedOnceLeavesTheInstanceRegisteredAndItHeartbeatsAgainAtTheNextInterval() throws Exception {
        ConfigurableApplicationContext app = start("refused");
        String self = selfId(app);
        awaitHeartbeats("refused", self, 1);
        // Every deletion of a row of slipway_instances is recorded (committed with the deletion itself); the
        // next INSERT ... ON CONFLICT of a heartbeat fails once. A sequence counts the attempts, since it is not
        // rolled back with the refused statement.
        db.execute(
                "CREATE TABLE refused.instance_deletions (id text, deleted_at timestamptz DEFAULT clock_timestamp());"
                        + "CREATE FUNCTION refused.record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO refused.instance_deletions (id) VALUES (OLD.id); RETURN OLD; END $$;"
                        + "CREATE TRIGGER record_deletion AFTER DELETE ON refused.slipway_instances"
                        + " FOR EACH ROW EXECUTE FUNCTION refused.record_deletion();"
                        + "CREATE SEQUENCE refused.heartbeat_attempts;"
                        + "CREATE FUNCTION refused.refuse_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF nextval('refused.heartbeat_attempts') = 1 THEN"
                        + " RAISE EXCEPTION 'the test refuses this one heartbeat'; END IF; RETURN NULL; END $$;"
                        + "CREATE TRIGGER refuse_once BEFORE INSERT ON refused.slipway_instances"
                        + " FOR EACH STATEMENT EXECUTE FUNCTION refused.refuse_once();");

        await(
                "the heartbeat was refused once",
                () -> db.queryLong(
                                "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM refused.heartbeat_attempts")
                        >= 1);
        assertThat(db.queryLong("SELECT count(*) FROM refused.slipway_instances WHERE id = '" + self + "'"))
                .as("still registered after the refused heartbeat")
                .isOne();
        awaitHeartbeats("refused", self, 2);

        assertThat(db.queryLong("SELECT last_value FROM refused.heartbeat_attempts"))
                .as("heartbeats since")
                .isGreaterThanOrEqualTo(3);
        assertThat(db.queryStrings("SELECT id FROM refused.instance_deletions"))
                .as("the row was never deleted")
                .isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM refused.slipway_instances WHERE id = '" + self
                        + "' AND expires_at > now()"))
                .as("live")
                .isOne();
        assertThat(instanceIds(app)).contains(self);
        JsonNode health =
                json.readTree(AppHttp.get(app, "/actuator/health/slipway").body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode heartbeat = health.path("details").path("tasks").path("heartbeat");
        assertThat(heartbeat.path("state").asString()).as("%s", health).isEqualTo("RUNNING");
        assertThat(heartbeat.path("restarts").asInt(-1))
                .as("the task went on by itself: %s", health)
                .isZero();
        assertThat(heartbeat.has("lastError")).as("%s", health).isFalse();

        app.close();

        assertThat(db.queryStrings("SELECT id FROM refused.instance_deletions"))
                .as("a clean shutdown leaves")
                .containsExactly(self);
    }

    @Test
    void aTaskThatDiesIsRestartedShowsInHealthWhichStaysUpAndStopsCleanly() throws Exception {
        TestBackgroundTask fragile = TestBackgroundTask.dying("fragile", 2, false);
        ConfigurableApplicationContext app = start("dies", fragile);

        assertThat(fragile.awaitRuns(3)).as("restarted twice").isTrue();
        JsonNode health = awaitHealth(
                app,
                (h) -> h.path("details")
                                .path("tasks")
                                .path("fragile")
                                .path("restarts")
                                .asInt()
                        == 2);
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode task = health.path("details").path("tasks").path("fragile");
        assertThat(task.path("state").asString()).isEqualTo("RUNNING");
        assertThat(task.path("lastError").asString())
                .isEqualTo("java.lang.IllegalStateException: test task fragile dies on run 2");
        assertThat(task.path("lastFailedAt").asString()).isNotEmpty();
        assertThat(health.path("details")
                        .path("tasks")
                        .path("heartbeat")
                        .path("restarts")
                        .asInt(-1))
                .isZero();

        app.close();

        assertThat(fragile.hasReturned()).isTrue();
        assertThat(fragile.sawStopRequest).isTrue();
        assertThat(fragile.interrupted).isFalse();
        assertThat(fragile.runs()).isEqualTo(3);
    }

    private ConfigurableApplicationContext start(String schema, SlipwayBackgroundTask... tasks) {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        SpringApplicationBuilder builder = new SpringApplicationBuilder(HeartbeatApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(),
                        "slipway.schema=" + schema,
                        "slipway.locations=classpath:db/fleet-v1",
                        "slipway.instances.heartbeat-interval=200ms",
                        "slipway.contract.mode=off",
                        "management.endpoints.web.exposure.include=slipway,health",
                        "management.endpoint.health.show-details=always")
                .initializers((ctx) -> {
                    for (int i = 0; i < tasks.length; i++) {
                        SlipwayBackgroundTask task = tasks[i];
                        ((GenericApplicationContext) ctx)
                                .registerBean("task" + i, SlipwayBackgroundTask.class, () -> task);
                    }
                });
        ConfigurableApplicationContext context = builder.run();
        started.add(context);
        return context;
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

    private JsonNode awaitHealth(ConfigurableApplicationContext app, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            JsonNode health =
                    json.readTree(AppHttp.get(app, "/actuator/health/slipway").body());
            if (condition.test(health)) {
                return health;
            }
            assertThat(System.nanoTime())
                    .as("health within %s; it is %s", TIMEOUT, health)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Waits until the instance has heartbeated {@code count} more times. */
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

    private void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!check.holds()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class HeartbeatApplication {}
}
