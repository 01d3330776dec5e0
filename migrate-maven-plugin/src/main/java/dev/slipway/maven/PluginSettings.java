package dev.slipway.maven;

import dev.slipway.cli.CliSettings;
import dev.slipway.migrate.Action;
import dev.slipway.migrate.Setting;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Maven plugin's name for each {@link Setting} that an error's {@link Action} names: the user property of a
 * plugin parameter where the plugin has one ({@code -Dslipway.url}, {@code -Dslipway.schema}, ...; the same names
 * go in the plugin's {@code <configuration>} without the prefix), else the {@code slipway.*} property of the
 * project's {@code application.properties} or {@code application.yml}. The one renderer of actions in the plugin's
 * terms, as {@code CliSettings} is for the command line.
 */
final class PluginSettings {

    /** The settings the plugin takes as parameters; the others are read from the application file. */
    private static final Set<Setting> PARAMETERS = EnumSet.of(
            Setting.DATASOURCE_URL,
            Setting.DATASOURCE_USERNAME,
            Setting.DATASOURCE_PASSWORD,
            Setting.SCHEMA,
            Setting.LOCATIONS,
            Setting.LINT_START_AFTER,
            Setting.SHADOW_URL);

    private PluginSettings() {}

    /** The parameter's user property, or the application property, that sets {@code setting}. */
    static String name(Setting setting) {
        return switch (setting) {
            case DATASOURCE_URL -> "-Dslipway.url";
            case DATASOURCE_USERNAME -> "-Dslipway.user";
            case DATASOURCE_PASSWORD -> "-Dslipway.password";
            case SCHEMA -> "-Dslipway.schema";
            case LOCATIONS -> "-Dslipway.locations";
            case LINT_START_AFTER -> "-Dslipway.startAfter";
            case SHADOW_URL -> "-Dslipway.shadowUrl";
            default -> CliSettings.fileProperty(setting);
        };
    }

    /**
     * The action with its settings as parameters and properties; a last line says where each kind goes (and, for
     * the baseline version, the goal that records a baseline at once).
     */
    static String render(Action action) {
        String text = action.render(PluginSettings::name);
        if (action.settings().contains(Setting.BASELINE_VERSION)) {
            text += "\n(From Maven: mvn slipway:baseline -Dslipway.version=<version> records the baseline at once.)";
        }
        if (action.settings().stream().anyMatch(PARAMETERS::contains)) {
            text += "\n(-Dslipway.<name> properties are the plugin's parameters; they may also be set in its "
                    + "<configuration> as <name>.)";
        }
        if (!PARAMETERS.containsAll(action.settings())) {
            text += "\n(slipway.* properties are read from the project's src/main/resources/application.properties "
                    + "or application.yml.)";
        }
        return text;
    }
}
