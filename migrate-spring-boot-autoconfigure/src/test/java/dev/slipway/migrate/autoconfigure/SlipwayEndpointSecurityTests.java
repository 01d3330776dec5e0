package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The README's two ways to protect the {@code slipway} endpoint, in a running application with a pending contract
 * migration that a write operation would apply: Spring Security requiring a role for write operations, and a
 * separate management port bound to the loopback interface.
 */
@PostgresTest
@ResourceLock(SpringLogging.SYSTEM)
class SlipwayEndpointSecurityTests {

    private static final HttpClient http = HttpClient.newHttpClient();

    private static final String CONTRACT = "/actuator/slipway/migrations/contract";

    private final TestDatabase db;

    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    private Path migrations;

    SlipwayEndpointSecurityTests(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void writeMigrations(@TempDir Path dir) throws Exception {
        this.migrations = dir;
        Files.createDirectories(dir.resolve("1_base"));
        Files.writeString(dir.resolve("1_base/migration.sql"), "CREATE TABLE base (id int, old text);");
        Files.createDirectories(dir.resolve("2_drop_old"));
        Files.writeString(
                dir.resolve("2_drop_old/migration.sql"),
                "-- slipway:phase contract\n"
                        + "-- slipway:allow data-loss the column was never used\nALTER TABLE base DROP COLUMN old;");
    }

    @AfterEach
    void close() {
        this.started.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void theRecommendedSecurityConfigurationRefusesAnonymousAndUnprivilegedWrites() throws Exception {
        // the test resources switch Spring Security's auto-configuration off for the other tests: on here
        ConfigurableApplicationContext app =
                start("secured", SecuredApplication.class, "--spring.autoconfigure.exclude=");
        int port = port(app, "local.server.port");

        HttpResponse<String> anonymous = post(port, CONTRACT, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(post(port, CONTRACT, "viewer:viewer-pw").statusCode()).isEqualTo(403);
        assertThat(columnExists("secured"))
                .as("no refused request applied the contract migration")
                .isTrue();
        assertThat(get(port, "/actuator/slipway", null).statusCode()).isEqualTo(401);
        assertThat(get(port, "/actuator/slipway", "viewer:viewer-pw").statusCode())
                .isEqualTo(200);
        assertThat(get(port, "/actuator/health", null).statusCode()).isEqualTo(200);

        HttpResponse<String> operator = post(port, CONTRACT, "ops:ops-pw");
        assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
        assertThat(columnExists("secured")).isFalse();
    }

    @Test
    void aSeparateManagementPortOnLoopbackKeepsTheEndpointOffTheApplicationPort() throws Exception {
        ConfigurableApplicationContext app = start(
                "management_port",
                OpenApplication.class,
                "--management.server.port=0",
                "--management.server.address=127.0.0.1");
        int appPort = port(app, "local.server.port");
        int managementPort = port(app, "local.management.port");
        assertThat(managementPort).isNotEqualTo(appPort);

        assertThat(post(appPort, CONTRACT, null).statusCode()).isEqualTo(404);
        assertThat(columnExists("management_port")).isTrue();
        assertThat(get(managementPort, "/actuator/slipway", null).statusCode()).isEqualTo(200);
        assertThat(post(managementPort, CONTRACT, null).statusCode()).isEqualTo(200);
        assertThat(columnExists("management_port")).isFalse();
    }

    private ConfigurableApplicationContext start(String schema, Class<?> application, String... args) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(application)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + this.db.jdbcUrl(),
                        "spring.datasource.username=" + this.db.username(),
                        "spring.datasource.password=" + this.db.password(),
                        "slipway.schema=" + schema,
                        "slipway.locations=filesystem:" + this.migrations,
                        "slipway.contract.mode=manual",
                        "slipway.actuator.write-operations.enabled=true",
                        "management.endpoints.web.exposure.include=slipway,health")
                .run(args);
        this.started.add(app);
        return app;
    }

    private boolean columnExists(String schema) {
        return this.db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'base' AND column_name = 'old'")
                == 1;
    }

    private static int port(ConfigurableApplicationContext app, String property) {
        return Integer.parseInt(app.getEnvironment().getProperty(property));
    }

    private static HttpResponse<String> post(int port, String path, String credentials) throws Exception {
        return send(request(port, path, credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static HttpResponse<String> get(int port, String path, String credentials) throws Exception {
        return send(request(port, path, credentials).GET());
    }

    private static HttpRequest.Builder request(int port, String path, String credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The configuration the README recommends, as an application would declare it. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class SecuredApplication {

        @Bean
        SecurityFilterChain managementSecurity(HttpSecurity http) throws Exception {
            http.securityMatcher(EndpointRequest.toAnyEndpoint())
                    .authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
                            .permitAll()
                            .requestMatchers(HttpMethod.GET)
                            .hasAnyRole("SLIPWAY_VIEWER", "SLIPWAY_OPERATOR")
                            .anyRequest()
                            .hasRole("SLIPWAY_OPERATOR"))
                    .httpBasic(Customizer.withDefaults())
                    // write operations take JSON only, so a cross-site request needs a CORS preflight, which fails
                    .csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
            return http.build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("ops")
                            .password("{noop}ops-pw")
                            .roles("SLIPWAY_OPERATOR")
                            .build(),
                    User.withUsername("viewer")
                            .password("{noop}viewer-pw")
                            .roles("SLIPWAY_VIEWER")
                            .build());
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class OpenApplication {}
}
