package dev.slipway.sample.rollout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** Reads {@code /actuator/slipway} of one instance: the state of a migration or a backfill. */
public final class SlipwayActuator {

    private final URI endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    /** @param baseUri the instance, e.g. {@code http://127.0.0.1:41234} */
    public SlipwayActuator(URI baseUri) {
        this.endpoint = baseUri.resolve("/actuator/slipway");
    }

    /** The whole answer. */
    public JsonNode read() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + endpoint + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** The entry of the migration with this version in {@code migrations}, or a missing node. */
    public JsonNode migration(String version) throws IOException, InterruptedException {
        return find(read().path("migrations"), "version", version);
    }

    /** The entry of the backfill with this name in {@code backfills}, or a missing node. */
    public JsonNode backfill(String name) throws IOException, InterruptedException {
        return find(read().path("backfills"), "name", name);
    }

    /** The state of a migration ({@code APPLIED}, {@code AWAITING}, ...), or null when it is not listed. */
    public String migrationState(String version) throws IOException, InterruptedException {
        JsonNode state = migration(version).path("state");
        return state.isString() ? state.asString() : null;
    }

    /** The state of a backfill ({@code RUNNING}, {@code COMPLETED}, ...), or null when it is not listed yet. */
    public String backfillState(String name) throws IOException, InterruptedException {
        JsonNode state = backfill(name).path("state");
        return state.isString() ? state.asString() : null;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode entry : array) {
            if (value.equals(entry.path(field).asString(null))) {
                return entry;
            }
        }
        return MissingNode.getInstance();
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
