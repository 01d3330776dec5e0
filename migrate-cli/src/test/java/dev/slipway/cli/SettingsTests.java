package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.LintMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTests {

    @TempDir
    Path dir;

    @Test
    void usesTheDefaultLocationUnderSrcMainResources() {
        Settings settings = resolve(options(), Map.of("DATABASE_URL", "postgresql://app:pw@db/shop"));

        assertThat(settings.config().locations()).containsExactly("filesystem:src/main/resources/db/migrations");
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db/shop");
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo("pw");
    }

    @Test
    void prefersSlipwayUrlToDatabaseUrlAndTheOptionsToBoth() {
        Map<String, String> env = Map.of(
                "SLIPWAY_URL",
                "postgresql://a@one/x",
                "DATABASE_URL",
                "postgresql://b@two/y",
                "PGPASSWORD",
                "from-env");
        assertThat(resolve(options(), env).jdbcUrl()).isEqualTo("jdbc:postgresql://one/x");

        ConnectionOptions options = options();
        options.url = "jdbc:postgresql://three/z";
        options.user = "c";
        Settings settings = resolve(options, env);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://three/z");
        assertThat(settings.user()).isEqualTo("c");
        assertThat(settings.password()).isEqualTo("from-env");
    }

    @Test
    void refusesToRunWithoutADatabaseNamingWhatToGive() {
        assertThatThrownBy(() -> resolve(options(), Map.of()))
                .isInstanceOf(CliException.class)
                .hasMessage("No database to connect to.")
                .extracting(e -> ((CliException) e).action())
                .asString()
                .contains("--url", "SLIPWAY_URL", "DATABASE_URL", "--config");
    }

    @Test
    void readsSpringDatasourceAndSlipwayPropertiesOfAPropertiesFile() throws IOException {
        Path file = write("application.properties", """
                spring.datasource.url=jdbc:postgresql://db:5432/shop
                spring.datasource.username=app
                spring.datasource.password=app-pw
                slipway.schema=billing
                slipway.locations=classpath:db/migrations,filesystem:/opt/extra
                slipway.lock.wait-timeout=30s
                slipway.ddl.lockTimeout=500
                slipway.lint.mode=warn
                slipway.lint.start-after=20240101000000
                """);
        ConnectionOptions options = options();
        options.config = file;

        Settings settings = resolve(options, Map.of("DATABASE_URL", "postgresql://other@elsewhere/x"));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/shop");
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo("app-pw");
        assertThat(settings.config().schema()).isEqualTo("billing");
        assertThat(settings.config().locations())
                .containsExactly("filesystem:" + dir.resolve("db/migrations"), "filesystem:/opt/extra");
        assertThat(settings.config().lockWaitTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.config().ddlLockTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.config().lintMode()).isEqualTo(LintMode.WARN);
        assertThat(settings.config().lintStartAfter()).isEqualTo("20240101000000");
    }

    @Test
    void slipwayDatasourceTakesPrecedenceOverSpringDatasource() throws IOException {
        Path file = write("application.yml", """
                spring:
                  datasource:
                    url: jdbc:postgresql://pooler:6432/shop
                    username: app
                    password: app-pw
                slipway:
                  datasource:
                    url: jdbc:postgresql://primary:5432/shop
                    username: migrator
                    password: migrator-pw
                """);
        ConnectionOptions options = options();
        options.config = file;

        Settings settings = resolve(options, Map.of());

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://primary:5432/shop");
        assertThat(settings.user()).isEqualTo("migrator");
        assertThat(settings.password()).isEqualTo("migrator-pw");
    }

    @Test
    void slipwayLoginAloneUsesTheApplicationsUrl() throws IOException {
        Path file = write("application.yml", """
                spring.datasource.url: jdbc:postgresql://db/shop
                spring.datasource.username: app
                slipway.datasource.username: migrator
                """);
        ConnectionOptions options = options();
        options.config = file;

        Settings settings = resolve(options, Map.of("PGPASSWORD", "pg-pw"));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db/shop");
        assertThat(settings.user()).isEqualTo("migrator");
        assertThat(settings.password()).isEqualTo("pg-pw");
    }

    @Test
    void appliesTheChosenProfileFromYamlDocumentsAndProfileFiles() throws IOException {
        Path file = write("application.yml", """
                spring:
                  datasource:
                    url: jdbc:postgresql://localhost/dev
                slipway:
                  locations:
                    - classpath:db/migrations
                ---
                spring:
                  config:
                    activate:
                      on-profile: prod
                  datasource:
                    url: jdbc:postgresql://prod-db/shop
                slipway:
                  schema: prod_schema
                """);
        write("application-prod.properties", "slipway.table=prod_history\n");
        ConnectionOptions options = options();
        options.config = file;

        assertThat(resolve(options, Map.of()).jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/dev");

        options.profiles = List.of("prod");
        Settings prod = resolve(options, Map.of());
        assertThat(prod.jdbcUrl()).isEqualTo("jdbc:postgresql://prod-db/shop");
        assertThat(prod.config().schema()).isEqualTo("prod_schema");
        assertThat(prod.config().table()).isEqualTo("prod_history");
        assertThat(prod.config().locations()).containsExactly("filesystem:" + dir.resolve("db/migrations"));
    }

    @Test
    void usesTheFilesActiveProfileWhenNoneIsGiven() throws IOException {
        Path file = write("application.properties", """
                spring.profiles.active=staging
                spring.datasource.url=jdbc:postgresql://localhost/dev
                """);
        write("application-staging.yml", "spring.datasource.url: jdbc:postgresql://staging/shop\n");
        ConnectionOptions options = options();
        options.config = file;

        assertThat(resolve(options, Map.of()).jdbcUrl()).isEqualTo("jdbc:postgresql://staging/shop");
    }

    @Test
    void resolvesPlaceholdersFromTheEnvironmentWithDefaults() throws IOException {
        Path file = write("application.properties", """
                spring.datasource.url=${JDBC_URL:jdbc:postgresql://localhost/dev}
                spring.datasource.username=${db.user:app}
                spring.datasource.password=${DB_PASSWORD}
                db.user=owner
                """);
        ConnectionOptions options = options();
        options.config = file;

        Settings settings = resolve(options, Map.of("DB_PASSWORD", "env-pw"));
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/dev");
        assertThat(settings.user()).isEqualTo("owner");
        assertThat(settings.password()).isEqualTo("env-pw");

        assertThatThrownBy(() -> resolve(options, Map.of()))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("DB_PASSWORD");
    }

    @Test
    void anUnsetDatasourcePlaceholderStopsOnlyWhatNeedsTheDatabase() throws IOException {
        Path file = write("application.properties", """
                spring.datasource.url=${SHOP_DB_URL}
                slipway.locations=classpath:db/migrations
                """);
        ConnectionOptions options = options();
        options.config = file;

        Settings settings = Settings.resolve(options, Map.<String, String>of()::get, false);
        assertThat(settings.jdbcUrl()).isNull();
        assertThat(settings.config().locations()).containsExactly("filesystem:" + dir.resolve("db/migrations"));

        assertThatThrownBy(() -> resolve(options, Map.of()))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("SHOP_DB_URL");
    }

    @Test
    void optionsOverrideTheFile() throws IOException {
        Path file = write("application.properties", """
                spring.datasource.url=jdbc:postgresql://db/shop
                spring.datasource.username=app
                slipway.schema=from_file
                slipway.locations=classpath:db/migrations
                """);
        ConnectionOptions options = options();
        options.config = file;
        options.url = "postgresql://ops:ops-pw@other/shop?schema=from_url";
        options.schema = "from_option";
        options.locations = List.of("filesystem:/srv/migrations");

        Settings settings = resolve(options, Map.of());

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://other/shop?currentSchema=from_url");
        assertThat(settings.user()).isEqualTo("ops");
        assertThat(settings.password()).isEqualTo("ops-pw");
        assertThat(settings.config().schema()).isEqualTo("from_option");
        assertThat(settings.config().locations()).containsExactly("filesystem:/srv/migrations");
    }

    @Test
    void namesTheFileAndPropertyOfAnInvalidValue() throws IOException {
        Path file = write("application.properties", """
                spring.datasource.url=jdbc:postgresql://db/shop
                slipway.lock.wait-timeout=soon
                """);
        ConnectionOptions options = options();
        options.config = file;

        assertThatThrownBy(() -> resolve(options, Map.of()))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("slipway.lock.wait-timeout=soon")
                .hasMessageContaining(file.toString());
    }

    @Test
    void aMissingConfigFileSaysWhatToGive() {
        ConnectionOptions options = options();
        options.config = dir.resolve("nope.yml");

        assertThatThrownBy(() -> resolve(options, Map.of()))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("nope.yml does not exist");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static ConnectionOptions options() {
        return new ConnectionOptions();
    }

    private static Settings resolve(ConnectionOptions options, Map<String, String> env) {
        return Settings.resolve(options, env::get, true);
    }
}
