package dev.slipway.cli;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.Setting;
import java.util.EnumSet;
import java.util.Set;

/**
 * The command line's name for each {@link Setting} that an error's {@link Action} names: an option where the
 * command line has one ({@code --url}, {@code --schema}, ...), else the {@code slipway.*} property that the file
 * given with {@code --config} may set. The one renderer of actions in command-line terms.
 */
public final class CliSettings {

    /** The settings the command line takes as options; the others are read from the {@code --config} file. */
    private static final Set<Setting> OPTIONS = EnumSet.of(
            Setting.DATASOURCE_URL,
            Setting.DATASOURCE_USERNAME,
            Setting.DATASOURCE_PASSWORD,
            Setting.SCHEMA,
            Setting.LOCATIONS,
            Setting.LINT_START_AFTER,
            Setting.SHADOW_URL);

    private CliSettings() {}

    /** The option or property that sets {@code setting} for the command line. */
    static String name(Setting setting) {
        return switch (setting) {
            case DATASOURCE_URL -> "--url";
            case DATASOURCE_USERNAME -> "--user";
            case DATASOURCE_PASSWORD -> "--password";
            case SCHEMA -> "--schema";
            case LOCATIONS -> "--locations";
            case LINT_START_AFTER -> "--start-after";
            case SHADOW_URL -> "--shadow-url";
            default -> fileProperty(setting);
        };
    }

    /**
     * The property of a Spring Boot application file ({@code --config}, or the Maven plugin's
     * {@code application.properties}) that sets {@code setting}, as {@link Settings} reads it.
     */
    public static String fileProperty(Setting setting) {
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
            // no property: the command line's --shadow-url and the plugin's shadowUrl parameter set it
            case SHADOW_URL -> "a shadow database URL";
        };
    }

    /**
     * The action with its settings as options and properties; when it names a property, a last line says where
     * properties go (and, for the baseline version, the command that records a baseline at once).
     */
    static String render(Action action) {
        String text = action.render(CliSettings::name);
        if (action.settings().contains(Setting.BASELINE_VERSION)) {
            text += "\n(From the command line: slipway baseline <version> records the baseline at once.)";
        }
        if (!OPTIONS.containsAll(action.settings())) {
            text += "\n(slipway.* properties are read from the file given with --config, an application.yml or "
                    + "application.properties.)";
        }
        return text;
    }
}
