package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.backfill.BackfillConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IDE metadata that the configuration processor generates for {@code slipway.*}, as an IDE reads it from
 * {@code META-INF/spring-configuration-metadata.json}: every property is described, and every default shown is
 * the core's.
 */
class SlipwayConfigurationMetadataTests {

    private static final Map<String, Object> CORE_DEFAULTS = coreDefaults();

    private static final List<String> WITHOUT_DEFAULT = List.of(
            "slipway.schema",
            "slipway.datasource.url",
            "slipway.datasource.username",
            "slipway.datasource.password",
            "slipway.lint.start-after",
            "slipway.baseline.version");

    private static Map<String, Map<String, Object>> properties;

    @BeforeAll
    static void readGeneratedMetadata() throws IOException {
        properties = new LinkedHashMap<>();
        // This module's classes are a folder on the test class path; the metadata of the other modules are in jars.
        for (URL url : Collections.list(SlipwayConfigurationMetadataTests.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            if (!"file".equals(url.getProtocol())) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                Map<?, ?> metadata = JsonMapper.builder().build().readValue(in, Map.class);
                for (Object property : (List<?>) metadata.get("properties")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> entry = (Map<String, Object>) property;
                    if (entry.get("name").toString().startsWith("slipway.")) {
                        properties.put(entry.get("name").toString(), entry);
                    }
                }
            }
        }
    }

    @Test
    void describesEveryProperty() {
        assertThat(properties)
                .containsKeys(
                        "slipway.enabled",
                        "slipway.locations",
                        "slipway.datasource.url",
                        "slipway.lock.poll-interval",
                        "slipway.ddl.retry-max-backoff",
                        "slipway.create-schema",
                        "slipway.backfill.enabled",
                        "slipway.backfill.target-batch-time",
                        "slipway.lint.start-after",
                        "slipway.adopt",
                        "slipway.adopt.mode",
                        "slipway.adopt.flyway-table",
                        "slipway.baseline.version");
        assertThat(properties.values())
                .allSatisfy((property) -> assertThat(property.get("description"))
                        .as("description of %s", property.get("name"))
                        .asString()
                        .isNotBlank());
    }

    @Test
    void documentsTheCoreDefaultOfEverySettingThatHasOne() {
        assertThat(properties).containsKeys(CORE_DEFAULTS.keySet().toArray(String[]::new));
        CORE_DEFAULTS.forEach((name, coreDefault) -> {
            Object documented = properties.get(name).get("defaultValue");
            assertThat(documented).as("documented default of %s", name).isNotNull();
            assertThat(parse(documented, coreDefault.getClass()))
                    .as("documented default of %s", name)
                    .isEqualTo(coreDefault);
        });
    }

    @Test
    void documentsNoDefaultForSettingsWithoutOne() {
        assertThat(properties).containsKeys(WITHOUT_DEFAULT.toArray(String[]::new));
        assertThat(WITHOUT_DEFAULT)
                .allSatisfy((name) -> assertThat(properties.get(name))
                        .as("metadata of %s", name)
                        .doesNotContainKey("defaultValue"));
    }

    @Test
    void describesTheAdoptShorthandAsAModeBesideTheAdoptGroup() {
        assertThat(properties.get("slipway.adopt")).containsEntry("type", "dev.slipway.migrate.AdoptMode");
        assertThat(properties.get("slipway.adopt.mode")).containsEntry("type", "dev.slipway.migrate.AdoptMode");
        assertThat(properties.get("slipway.adopt.flyway-table")).containsEntry("type", "java.lang.String");
    }

    @Test
    void checksEveryPropertyThereIs() {
        assertThat(properties.keySet())
                .as("properties of the metadata; a new one belongs in one of the lists here")
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.Stream.concat(CORE_DEFAULTS.keySet().stream(), WITHOUT_DEFAULT.stream())
                                .toList());
    }

    private static Object parse(Object documented, Class<?> type) {
        if (Duration.class.isAssignableFrom(type)) {
            return DurationStyle.detectAndParse(documented.toString());
        }
        if (type.isEnum()) {
            return Enum.valueOf(
                    type.asSubclass(Enum.class), documented.toString().toUpperCase(java.util.Locale.ROOT));
        }
        return documented;
    }

    private static Map<String, Object> coreDefaults() {
        SlipwayConfig core = SlipwayConfig.defaults();
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("slipway.enabled", true);
        defaults.put("slipway.locations", core.locations());
        defaults.put("slipway.table", core.table());
        defaults.put("slipway.create-schema", core.createSchema());
        defaults.put("slipway.lock.wait-timeout", core.lockWaitTimeout());
        defaults.put("slipway.lock.poll-interval", core.lockPollInterval());
        defaults.put("slipway.ddl.lock-timeout", core.ddlLockTimeout());
        defaults.put("slipway.ddl.statement-timeout", core.ddlStatementTimeout());
        defaults.put("slipway.ddl.retry-budget", core.ddlRetryBudget());
        defaults.put("slipway.ddl.retry-initial-backoff", core.ddlRetryInitialBackoff());
        defaults.put("slipway.ddl.retry-max-backoff", core.ddlRetryMaxBackoff());
        defaults.put("slipway.validate.ignore-missing", core.ignoreMissing());
        defaults.put("slipway.lint.mode", core.lintMode());
        defaults.put("slipway.instances.heartbeat-interval", core.heartbeatInterval());
        defaults.put("slipway.adopt", core.adoptMode());
        defaults.put("slipway.adopt.mode", core.adoptMode());
        defaults.put("slipway.adopt.flyway-table", core.flywayTable());
        // Not a core setting: contract migrations apply by themselves unless told otherwise.
        defaults.put("slipway.contract.mode", dev.slipway.migrate.autoconfigure.ContractMode.AUTO);
        BackfillConfig backfill = BackfillConfig.defaults();
        defaults.put("slipway.backfill.enabled", true);
        defaults.put("slipway.backfill.batch-size", backfill.batchSize());
        defaults.put("slipway.backfill.min-batch-size", backfill.minBatchSize());
        defaults.put("slipway.backfill.max-batch-size", backfill.maxBatchSize());
        defaults.put("slipway.backfill.target-batch-time", backfill.targetBatchTime());
        defaults.put("slipway.backfill.pause", backfill.pause());
        defaults.put("slipway.backfill.lock-timeout", backfill.lockTimeout());
        defaults.put("slipway.backfill.statement-timeout", backfill.statementTimeout());
        defaults.put("slipway.backfill.max-attempts", backfill.maxAttempts());
        defaults.put("slipway.backfill.retry-initial-backoff", backfill.retryInitialBackoff());
        defaults.put("slipway.backfill.retry-max-backoff", backfill.retryMaxBackoff());
        defaults.put("slipway.backfill.poll-interval", backfill.pollInterval());
        defaults.put("slipway.backfill.progress-log-interval", backfill.progressLogInterval());
        // Not a core setting: safe by default, the endpoint's write operations are off.
        defaults.put("slipway.actuator.write-operations.enabled", false);
        defaults.put("slipway.actuator.rollback.enabled", false);
        return defaults;
    }
}
