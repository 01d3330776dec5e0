package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.Setting;

/**
 * The Spring Boot property of each {@link Setting} that Slipway's core names in an {@link Action}: the one
 * renderer of the failure analyzers (and of the health details), so that an action reads
 * {@code set slipway.baseline.version=20240101000000}.
 */
public final class SpringSettings {

    private SpringSettings() {}

    /** The property for a setting, e.g. {@code slipway.lock.wait-timeout}. */
    public static String property(Setting setting) {
        return switch (setting) {
            case DATASOURCE_URL -> "slipway.datasource.url";
            case DATASOURCE_USERNAME -> "slipway.datasource.username";
            case DATASOURCE_PASSWORD -> "slipway.datasource.password";
            case SCHEMA -> "slipway.schema";
            case CREATE_SCHEMA -> "slipway.create-schema";
            case LOCATIONS -> "slipway.locations";
            case BASELINE_VERSION -> "slipway.baseline.version";
            case ADOPT_MODE -> "slipway.adopt";
            case ADOPT_FLYWAY_TABLE -> "slipway.adopt.flyway-table";
            case LOCK_WAIT_TIMEOUT -> "slipway.lock.wait-timeout";
            case DDL_RETRY_BUDGET -> "slipway.ddl.retry-budget";
            case DDL_STATEMENT_TIMEOUT -> "slipway.ddl.statement-timeout";
            case LINT_MODE -> "slipway.lint.mode";
            case LINT_START_AFTER -> "slipway.lint.start-after";
            case VALIDATE_IGNORE_MISSING -> "slipway.validate.ignore-missing";
            case ENABLED -> "slipway.enabled";
            // the schema diff runs from the command line and the Maven plugin, never in the application
            case SHADOW_URL -> "a shadow database URL";
        };
    }

    /** The action with its settings as properties ({@code name=value} where it suggests a value). */
    public static String render(Action action) {
        return action.render(SpringSettings::property);
    }

    /** The action rendered, or {@code otherwise} when the core gave none. */
    static String render(Action action, String otherwise) {
        return action.isEmpty() ? otherwise : render(action);
    }
}
