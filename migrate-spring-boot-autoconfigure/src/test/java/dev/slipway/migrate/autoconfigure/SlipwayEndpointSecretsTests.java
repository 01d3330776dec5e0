package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A contract migration that creates a login role fails (the role exists) when an operator triggers it over HTTP:
 * its password shows up in none of what the endpoint answers (the refusal, the migration's {@code error}), the
 * history's {@code logs}, or the log.
 */
@PostgresTest
@ResourceLock(SpringLogging.SYSTEM)
class SlipwayEndpointSecretsTests {

    private static final String SECRET = "MigLiteralPW-9876";

    private final JsonMapper json = JsonMapper.builder().build();

    private final TestDatabase db;

    private ConfigurableApplicationContext app;

    private String role;

    SlipwayEndpointSecretsTests(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void close() {
        if (this.app != null) {
            this.app.close();
        }
        if (this.role != null) {
            this.db.execute("DROP ROLE IF EXISTS " + this.role);
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    @ResourceLock(Resources.SYSTEM_OUT)
    void aFailedMigrationShowsNoPasswordOverHttp(@TempDir Path dir) throws Exception {
        this.role = "app_reader_" + this.db.name();
        this.db.execute("CREATE ROLE " + this.role);
        write(dir, "1_base", "CREATE TABLE base (id int);");
        write(
                dir,
                "2_reader",
                "-- slipway:phase contract\nCREATE ROLE " + this.role + " LOGIN PASSWORD '" + SECRET + "';");
        this.app = new SpringApplicationBuilder(SecretsApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + this.db.jdbcUrl(),
                        "spring.datasource.username=" + this.db.username(),
                        "spring.datasource.password=" + this.db.password(),
                        "slipway.schema=secrets",
                        "slipway.locations=filesystem:" + dir,
                        "slipway.contract.mode=manual",
                        "slipway.actuator.write-operations.enabled=true",
                        "management.endpoints.web.exposure.include=slipway")
                .run();

        // the log, wherever the logging system writes it (standard output or error)
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        HttpResponse<String> refused;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            refused = AppHttp.post(this.app, "/actuator/slipway/migrations/contract");
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        originalOut.print(log);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json.readTree(refused.body()).path("message").asString())
                .contains("already exists")
                .contains("PASSWORD '***'")
                .doesNotContain(SECRET);
        String status = AppHttp.get(this.app, "/actuator/slipway").body();
        assertThat(status).doesNotContain(SECRET);
        JsonNode reader = null;
        for (JsonNode migration : json.readTree(status).path("migrations")) {
            if (migration.path("version").asString().equals("2")) {
                reader = migration;
            }
        }
        assertThat(reader).isNotNull();
        assertThat(reader.path("error").asString())
                .contains("-> statement 1: CREATE ROLE " + this.role + " LOGIN PASSWORD '***'");
        assertThat(this.db.queryString("SELECT string_agg(logs, ' | ') FROM secrets.slipway_migrations"))
                .contains("PASSWORD '***'")
                .doesNotContain(SECRET);
        assertThat(log)
                .contains("Slipway endpoint: migrations/contract requested")
                .doesNotContain(SECRET);
    }

    private static void write(Path dir, String id, String sql) throws Exception {
        Files.createDirectories(dir.resolve(id));
        Files.writeString(dir.resolve(id).resolve("migration.sql"), sql);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class SecretsApplication {}
}
