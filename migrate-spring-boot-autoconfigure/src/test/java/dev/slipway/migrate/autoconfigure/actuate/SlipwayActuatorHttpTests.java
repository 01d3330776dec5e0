package dev.slipway.migrate.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.autoconfigure.SpringLogging;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running web application with Actuator and Slipway, read over HTTP as an operator would: the
 * {@code slipway} endpoint, its health contributor and the {@code slipway.migrations} meter, the write operations
 * refused because they were not enabled, and an operation the endpoint does not know refused as a bad request.
 */
@ExtendWith(PostgresExtension.class)
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=slipway,health,metrics",
            "management.endpoint.health.show-details=always",
            "slipway.locations=classpath:db/resolvable-migrations",
            "slipway.schema=http_app"
        })
@DirtiesContext
@ResourceLock(SpringLogging.SYSTEM)
class SlipwayActuatorHttpTests {

    private static String jdbcUrl;

    private static String username;

    private static String password;

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @BeforeAll
    static void database(TestDatabase db) {
        jdbcUrl = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=http_app";
        username = db.username();
        password = db.password();
    }

    @DynamicPropertySource
    static void dataSource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> jdbcUrl);
        registry.add("spring.datasource.username", () -> username);
        registry.add("spring.datasource.password", () -> password);
    }

    @Test
    void endpointShowsEveryMigrationOfTheMigratedSchema() throws Exception {
        HttpResponse<String> response = get("/actuator/slipway");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(body.path("migrations").size()).isEqualTo(2);
        JsonNode steps = body.path("migrations").path(1);
        assertThat(steps.path("version").asString()).isEqualTo("2");
        assertThat(steps.path("name").asString()).isEqualTo("steps");
        assertThat(steps.path("phase").asString()).isEqualTo("EXPAND");
        assertThat(steps.path("state").asString()).isEqualTo("APPLIED");
        assertThat(steps.path("checksum").asString()).matches("[0-9a-f]{64}");
        assertThat(steps.path("startedAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(steps.path("finishedAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(steps.path("executionMs").isNumber()).isTrue();
        assertThat(steps.path("appliedBy").asString()).isNotBlank();
    }

    @Test
    void healthContributorIsUpWithCounts() throws Exception {
        HttpResponse<String> response = get("/actuator/health/slipway");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("details").path("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(body.path("details").path("applied").asInt()).isEqualTo(2);
        assertThat(body.path("details").path("pending").asInt()).isZero();
    }

    @Test
    void migrationsMeterCountsMigrationsByState() throws Exception {
        HttpResponse<String> all = get("/actuator/metrics/slipway.migrations");
        HttpResponse<String> applied = get("/actuator/metrics/slipway.migrations?tag=state:APPLIED");

        assertThat(all.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(all.body());
        assertThat(body.path("measurements").path(0).path("value").asDouble()).isEqualTo(2.0);
        assertThat(body.path("availableTags").path(0).path("tag").asString()).isEqualTo("state");
        assertThat(json.readTree(applied.body())
                        .path("measurements")
                        .path(0)
                        .path("value")
                        .asDouble())
                .isEqualTo(2.0);
    }

    @Test
    void resolveIsForbiddenUnlessWriteOperationsAreEnabled() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/actuator/slipway/2"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"resolution\": \"applied\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json.readTree(response.body()).path("message").asString())
                .contains("slipway.actuator.write-operations.enabled=true");
    }

    @Test
    void everyWriteOperationIsRefusedByTheSameCheckWhileWriteOperationsAreDisabled() throws Exception {
        String disabled = "Write operations of the slipway endpoint are disabled, so ";
        String enable = ". Set slipway.actuator.write-operations.enabled=true to allow them";

        HttpResponse<String> resolve = post("/actuator/slipway/2", "{\"resolution\": \"rolled-back\"}");
        HttpResponse<String> pause = post("/actuator/slipway/backfills/steps_backfill/pause", "{}");
        HttpResponse<String> contract = post("/actuator/slipway/migrations/contract", "{}");
        HttpResponse<String> rollback = post("/actuator/slipway/migrations/rollback/1", "{}");

        assertThat(List.of(resolve, pause, contract, rollback))
                .extracting(HttpResponse::statusCode)
                .containsOnly(403);
        assertThat(message(resolve))
                .isEqualTo(disabled + "migration 2 was not resolved" + enable
                        + ", or resolve it where the application runs with Slipway#resolve.");
        assertThat(message(pause))
                .isEqualTo(disabled + "backfill steps_backfill was not changed" + enable
                        + ", or call Backfills#pause, #resume or #retry where the application runs.");
        assertThat(message(contract)).isEqualTo(disabled + "no contract migration was applied" + enable + ".");
        assertThat(message(rollback)).isEqualTo(disabled + "no migration was rolled back" + enable + ".");
        assertThat(migrationStates()).containsExactly("APPLIED", "APPLIED");
    }

    @Test
    void anUnknownOperationIsABadRequestNamingTheAllowedValuesNotAWriteRefusal() throws Exception {
        HttpResponse<String> resolution = post("/actuator/slipway/2", "{\"resolution\": \"fixed\"}");
        HttpResponse<String> backfillAction = post("/actuator/slipway/backfills/steps_backfill/jump", "{}");
        HttpResponse<String> migrationsAction = post("/actuator/slipway/migrations/undo", "{}");

        assertThat(List.of(resolution, backfillAction, migrationsAction))
                .extracting(HttpResponse::statusCode)
                .containsOnly(400);
        assertThat(message(resolution))
                .startsWith("Unknown resolution 'fixed'")
                .contains("\"applied\"")
                .contains("\"rolled-back\"");
        assertThat(message(backfillAction))
                .startsWith("Unknown backfill action 'jump'")
                .contains("use pause, resume or retry");
        assertThat(message(migrationsAction))
                .startsWith("Unknown migrations action 'undo'")
                .contains("/actuator/slipway/migrations/contract")
                .contains("/actuator/slipway/migrations/rollback/{version}");
        assertThat(List.of(resolution, backfillAction, migrationsAction))
                .extracting(this::message)
                .noneMatch((message) -> message.contains("write-operations"));
        assertThat(migrationStates()).containsExactly("APPLIED", "APPLIED");
    }

    private List<String> migrationStates() throws IOException, InterruptedException {
        List<String> states = new ArrayList<>();
        json.readTree(get("/actuator/slipway").body())
                .path("migrations")
                .forEach((migration) -> states.add(migration.path("state").asString()));
        return states;
    }

    private String message(HttpResponse<String> response) {
        return json.readTree(response.body()).path("message").asString();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ActuatorApplication {}
}
