package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
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
 * Backfills in running web applications, started with {@link SpringApplicationBuilder} as {@code java -jar} would
 * and read over HTTP as an operator would: the backfill runs in the background once the application is ready, the
 * endpoint, health and meters show its progress, a shutdown ends the current batch and a new start goes on from
 * the saved cursor, the endpoint pauses, resumes and retries it. Each test migrates its own schema of the class's
 * database: a table {@code items} of 3,000 rows.
 */
@PostgresTest
@ResourceLock(SpringLogging.SYSTEM)
class SlipwayBackfillApplicationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The fields the endpoint documents for a backfill, in the order it writes them. */
    private static final List<String> BACKFILL_FIELDS = List.of(
            "name",
            "table",
            "state",
            "rowsProcessed",
            "rowsUpdated",
            "rowsEstimated",
            "progress",
            "rowsPerSecond",
            "eta",
            "batchSize",
            "sweeping",
            "owner",
            "startedAt",
            "updatedAt",
            "finishedAt",
            "lastError");

    private final JsonMapper json = JsonMapper.builder().build();

    private final List<ConfigurableApplicationContext> started = new java.util.ArrayList<>();

    private final TestDatabase db;

    SlipwayBackfillApplicationTests(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void closeApplications() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void runsABackfillInTheBackgroundAfterStartupAndReportsItsProgress() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger processed = new AtomicInteger();
        // A Java backfill of batches of 100 rows that stops at row 1,501 until the test opens the gate.
        Backfill upperName = Backfill.named("items_name_upper")
                .table("items")
                .select("name")
                .where("name_upper IS NULL")
                .batchSizeBounds(100, 100)
                .batchSize(100)
                .pause(Duration.ZERO)
                .process(row -> {
                    if (processed.incrementAndGet() == 1501) {
                        gate.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    }
                    row.set("name_upper", row.getString("name").toUpperCase(Locale.ROOT));
                })
                .build();
        ConfigurableApplicationContext app = start("background", upperName);

        assertThat(gate.getCount())
                .as("the application is ready before the backfill could finish")
                .isOne();
        awaitRecord("background", "rows_processed", rows -> rows == 1500);

        JsonNode backfill = onlyBackfill(AppHttp.get(app, "/actuator/slipway"));
        assertThat(backfill.path("name").asString()).isEqualTo("items_name_upper");
        assertThat(backfill.path("table").asString()).isEqualTo("background.items");
        assertThat(backfill.path("state").asString()).isEqualTo("RUNNING");
        assertThat(backfill.path("rowsProcessed").asLong()).isEqualTo(1500);
        assertThat(backfill.path("rowsUpdated").asLong()).isEqualTo(1500);
        assertThat(backfill.path("rowsEstimated").asLong()).isEqualTo(3000);
        assertThat(backfill.path("progress").asDouble()).isEqualTo(0.5);
        assertThat(backfill.path("rowsPerSecond").asDouble()).isPositive();
        assertThat(backfill.path("eta").asString()).matches("PT(\\d+H)?(\\d+M)?\\d+S");
        assertThat(backfill.path("owner").asString()).isNotBlank();
        assertThat(backfill.path("startedAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(backfill.path("updatedAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(fieldNames(backfill)).as("every field, null or not").isEqualTo(BACKFILL_FIELDS);
        assertThat(backfill.path("finishedAt").isNull()).as("finishedAt: null").isTrue();
        assertThat(backfill.path("lastError").isNull()).as("lastError: null").isTrue();

        JsonNode health =
                json.readTree(AppHttp.get(app, "/actuator/health/slipway").body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.at("/details/backfills/items_name_upper/state").asString())
                .isEqualTo("RUNNING");
        assertThat(health.at("/details/backfills/items_name_upper/progress").asDouble())
                .isEqualTo(0.5);

        HttpResponse<String> refused = AppHttp.post(app, "/actuator/slipway/backfills/items_name_upper/pause");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json.readTree(refused.body()).path("message").asString())
                .contains("slipway.actuator.write-operations.enabled=true");
        assertThat(record("background", "state")).isEqualTo("RUNNING");

        gate.countDown();
        awaitState("background", "COMPLETED");

        backfill = onlyBackfill(AppHttp.get(app, "/actuator/slipway"));
        assertThat(backfill.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(backfill.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(backfill.path("rowsUpdated").asLong()).isEqualTo(3000);
        assertThat(backfill.path("finishedAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(fieldNames(backfill)).as("every field, null or not").isEqualTo(BACKFILL_FIELDS);
        assertThat(backfill.path("owner").isNull()).as("owner: null").isTrue();
        assertThat(backfill.path("eta").isNull()).as("eta: null").isTrue();
        assertThat(backfill.path("lastError").isNull()).as("lastError: null").isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM background.items WHERE name_upper = upper(name)"))
                .isEqualTo(3000);

        assertThat(meter(app, "slipway.backfill.rows", "COUNT")).isEqualTo(3000.0);
        assertThat(meter(app, "slipway.backfill.progress", "VALUE")).isEqualTo(1.0);
        assertThat(meter(app, "slipway.backfill.batch.duration", "COUNT")).isGreaterThanOrEqualTo(30.0);
    }

    @Test
    void shutdownEndsTheCurrentBatchAndTheNextStartGoesOnFromTheSavedCursor() throws Exception {
        // A task that ignored the stop would hold the close for half of this timeout (30 s) before being interrupted.
        ConfigurableApplicationContext first = start(
                "restarted",
                upperNameInSlowBatches(Duration.ofMillis(100)),
                "spring.lifecycle.timeout-per-shutdown-phase=60s");
        awaitRecord("restarted", "rows_processed", rows -> rows >= 500);

        long closing = System.nanoTime();
        first.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closing))
                .as("stopped on request, not interrupted")
                .isLessThan(Duration.ofSeconds(20));

        assertThat(record("restarted", "state")).isEqualTo("RUNNING");
        assertThat(record("restarted", "owner")).isNull();
        assertThat(record("restarted", "last_error")).isNull();
        long updated = Long.parseLong(record("restarted", "rows_updated"));
        assertThat(updated).isBetween(500L, 2999L);
        assertThat(db.queryLong("SELECT count(*) FROM restarted.items WHERE name_upper IS NOT NULL"))
                .as("rows done: exactly those the saved progress counts")
                .isEqualTo(updated);
        assertThat(db.queryString("SELECT cursor[1] FROM restarted.slipway_backfills"))
                .as("the saved cursor: the last key done, every row up to it done and none after")
                .isEqualTo(String.valueOf(updated))
                .isEqualTo(db.queryString("SELECT max(id)::text FROM restarted.items WHERE name_upper IS NOT NULL"));

        ConfigurableApplicationContext second = start("restarted", upperNameInSlowBatches(Duration.ZERO));
        awaitState("restarted", "COMPLETED");

        assertThat(db.queryLong("SELECT count(*) FROM restarted.items WHERE name_upper = upper(name)"))
                .isEqualTo(3000);
        assertThat(record("restarted", "rows_updated")).isEqualTo("3000");
        assertThat(onlyBackfill(AppHttp.get(second, "/actuator/slipway"))
                        .path("state")
                        .asString())
                .isEqualTo("COMPLETED");
    }

    @Test
    void pausesResumesAndRefusesOverHttp() throws Exception {
        ConfigurableApplicationContext app = start(
                "operated",
                upperNameInSlowBatches(Duration.ofMillis(200)),
                "slipway.actuator.write-operations.enabled=true");
        awaitRecord("operated", "rows_processed", rows -> rows >= 100);

        // without a JSON body the pause is refused and the backfill keeps running
        String pause = "/actuator/slipway/backfills/items_name_upper/pause";
        assertThat(AppHttp.post(app, pause, null, null).statusCode()).isEqualTo(415);
        assertThat(AppHttp.post(app, pause, "application/x-www-form-urlencoded", "")
                        .statusCode())
                .isEqualTo(415);
        assertThat(onlyBackfill(AppHttp.get(app, "/actuator/slipway"))
                        .path("state")
                        .asString())
                .isEqualTo("RUNNING");

        HttpResponse<String> paused = AppHttp.post(app, "/actuator/slipway/backfills/items_name_upper/pause");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json.readTree(paused.body()).path("state").asString()).isEqualTo("PAUSED");
        Thread.sleep(500); // the batch in flight, if any, is not saved
        String rowsWhenPaused = record("operated", "rows_processed");
        Thread.sleep(600); // three batches' worth
        assertThat(record("operated", "rows_processed"))
                .as("no batch runs while paused")
                .isEqualTo(rowsWhenPaused);
        assertThat(onlyBackfill(AppHttp.get(app, "/actuator/slipway"))
                        .path("state")
                        .asString())
                .isEqualTo("PAUSED");

        HttpResponse<String> retried = AppHttp.post(app, "/actuator/slipway/backfills/items_name_upper/retry");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(409);
        assertThat(json.readTree(retried.body()).path("message").asString())
                .contains("items_name_upper")
                .contains("Resume it instead: only a FAILED backfill is retried.");
        assertThat(AppHttp.post(app, "/actuator/slipway/backfills/no_such_backfill/pause")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> unknown = AppHttp.post(app, "/actuator/slipway/backfills/items_name_upper/jump");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).path("message").asString())
                .isEqualTo("Unknown backfill action 'jump': use pause, resume or retry, as in POST"
                        + " /actuator/slipway/backfills/{name}/pause.");
        assertThat(AppHttp.post(app, "/actuator/slipway/elsewhere/items_name_upper/pause")
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> resumed = AppHttp.post(app, "/actuator/slipway/backfills/items_name_upper/resume");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(resumed.body()).path("state").asString()).isEqualTo("RUNNING");
        awaitRecord("operated", "rows_processed", rows -> rows > Long.parseLong(rowsWhenPaused));
        assertThat(AppHttp.post(app, "/actuator/slipway/backfills/items_name_upper/pause")
                        .statusCode())
                .isEqualTo(200);
        assertThat(AppHttp.post(app, "/actuator/slipway/backfills/items_name_upper/resume")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void failedBackfillShowsItsErrorAndCompletesOnceRetriedOverHttp() throws Exception {
        Backfill ratio = Backfill.named("items_ratio")
                .table("items")
                .set("ratio = 100 / divisor")
                .where("ratio IS NULL")
                .batchSizeBounds(100, 100)
                .batchSize(100)
                .pause(Duration.ZERO)
                .build();
        ConfigurableApplicationContext app = start(
                "failing",
                ratio,
                "slipway.locations=classpath:db/failing-backfill-migrations",
                "slipway.actuator.write-operations.enabled=true");
        awaitState("failing", "FAILED");

        JsonNode backfill = onlyBackfill(AppHttp.get(app, "/actuator/slipway"));
        assertThat(backfill.path("state").asString()).isEqualTo("FAILED");
        assertThat(backfill.path("lastError").asString()).contains("division by zero");
        assertThat(backfill.path("rowsUpdated").asLong()).isEqualTo(1200);
        assertThat(db.queryLong("SELECT count(*) FROM failing.items WHERE ratio IS NOT NULL"))
                .isEqualTo(1200);
        JsonNode health =
                json.readTree(AppHttp.get(app, "/actuator/health/slipway").body());
        assertThat(health.path("status").asString())
                .as("a failed backfill leaves the instance UP")
                .isEqualTo("UP");
        assertThat(health.at("/details/backfills/items_ratio/state").asString()).isEqualTo("FAILED");
        assertThat(health.at("/details/backfills/items_ratio/error").asString()).contains("division by zero");
        HttpResponse<String> resumed = AppHttp.post(app, "/actuator/slipway/backfills/items_ratio/resume");
        assertThat(resumed.statusCode()).isEqualTo(409);
        assertThat(json.readTree(resumed.body()).path("message").asString()).contains("retry");

        db.execute("UPDATE failing.items SET divisor = 4 WHERE divisor = 0");
        HttpResponse<String> retried = AppHttp.post(app, "/actuator/slipway/backfills/items_ratio/retry");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json.readTree(retried.body()).path("state").asString()).isEqualTo("RUNNING");
        awaitState("failing", "COMPLETED");

        assertThat(db.queryLong("SELECT count(*) FROM failing.items WHERE ratio = 100 / divisor"))
                .isEqualTo(3000);
        assertThat(db.queryLong("SELECT ratio FROM failing.items WHERE id = 1234"))
                .isEqualTo(25);
        backfill = onlyBackfill(AppHttp.get(app, "/actuator/slipway"));
        assertThat(backfill.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(backfill.has("lastError")).isTrue();
        assertThat(backfill.path("lastError").isNull())
                .as("lastError: null once retried")
                .isTrue();
    }

    /** An SQL backfill of batches of 100 rows with the given pause between them: 30 batches in all. */
    private static Backfill upperNameInSlowBatches(Duration pause) {
        return Backfill.named("items_name_upper")
                .table("items")
                .set("name_upper = upper(name)")
                .where("name_upper IS NULL")
                .batchSizeBounds(100, 100)
                .batchSize(100)
                .pause(pause)
                .build();
    }

    private ConfigurableApplicationContext start(String schema, Backfill backfill, String... properties) {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BackfillApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(),
                        "slipway.schema=" + schema,
                        "slipway.locations=classpath:db/backfill-migrations",
                        "slipway.backfill.poll-interval=100ms",
                        "management.endpoints.web.exposure.include=slipway,health,metrics",
                        "management.endpoint.health.show-details=always")
                .properties(properties)
                .initializers(ctx ->
                        ((GenericApplicationContext) ctx).registerBean("backfill", Backfill.class, () -> backfill))
                .run();
        started.add(context);
        return context;
    }

    private String record(String schema, String column) {
        return db.queryString("SELECT " + column + "::text FROM " + schema + ".slipway_backfills");
    }

    private void awaitState(String schema, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!state.equals(stateOrNull(schema))) {
            assertThat(System.nanoTime())
                    .as("backfill of %s %s within %s; it is %s", schema, state, TIMEOUT, stateOrNull(schema))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void awaitRecord(String schema, String column, LongPredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String value = stateOrNull(schema) == null ? null : record(schema, column);
            if (value != null && condition.test(Long.parseLong(value))) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("%s of the backfill of %s (now %s)", column, schema, value)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String stateOrNull(String schema) {
        if (db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                        + "' AND tablename = 'slipway_backfills'")
                == 0) {
            return null;
        }
        List<String> states = db.queryStrings("SELECT state FROM " + schema + ".slipway_backfills");
        return states.isEmpty() ? null : states.get(0);
    }

    private JsonNode onlyBackfill(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode backfills = json.readTree(response.body()).path("backfills");
        assertThat(backfills.size()).isOne();
        return backfills.path(0);
    }

    private static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }

    private double meter(ConfigurableApplicationContext app, String name, String statistic) throws Exception {
        HttpResponse<String> response =
                AppHttp.get(app, "/actuator/metrics/" + name + "?tag=backfill:items_name_upper");
        assertThat(response.statusCode()).as("%s: %s", name, response.body()).isEqualTo(200);
        for (JsonNode measurement : json.readTree(response.body()).path("measurements")) {
            if (measurement.path("statistic").asString().equals(statistic)) {
                return measurement.path("value").asDouble();
            }
        }
        throw new AssertionError("No " + statistic + " in " + response.body());
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class BackfillApplication {}
}
