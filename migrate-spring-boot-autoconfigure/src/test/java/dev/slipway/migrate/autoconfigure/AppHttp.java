package dev.slipway.migrate.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.context.ConfigurableApplicationContext;

/** Calls a web application that a test started on a random port, as an operator with {@code curl} would. */
final class AppHttp {

    private static final HttpClient http = HttpClient.newHttpClient();

    private AppHttp() {}

    static HttpResponse<String> get(ConfigurableApplicationContext app, String path)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(app, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with the JSON body {@code {}}, as the endpoint's write operations without parameters take. */
    static HttpResponse<String> post(ConfigurableApplicationContext app, String path)
            throws IOException, InterruptedException {
        return post(app, path, "application/json", "{}");
    }

    /** A POST with the given content type (none when null) and body (none when null). */
    static HttpResponse<String> post(ConfigurableApplicationContext app, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(app, path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ConfigurableApplicationContext app, String path) {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path);
    }
}
