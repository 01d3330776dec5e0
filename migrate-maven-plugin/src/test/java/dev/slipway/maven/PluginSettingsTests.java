package dev.slipway.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.Setting;
import org.junit.jupiter.api.Test;

class PluginSettingsTests {

    @Test
    void namesAParameterByItsUserProperty() {
        String text = PluginSettings.render(Action.of("Give {} or {}.", Setting.DATASOURCE_URL, Setting.LOCATIONS));

        assertThat(text)
                .startsWith("Give -Dslipway.url or -Dslipway.locations.")
                .contains("the plugin's parameters")
                .doesNotContain("application.properties");
    }

    @Test
    void namesAnApplicationPropertyAndWhereItGoes() {
        String text = PluginSettings.render(Action.of("To wait longer, raise {}.", Setting.LOCK_WAIT_TIMEOUT));

        assertThat(text)
                .startsWith("To wait longer, raise slipway.lock.wait-timeout.")
                .contains("src/main/resources/application.properties")
                .doesNotContain("-Dslipway");
    }

    @Test
    void offersTheBaselineGoalForABaselineVersion() {
        String text = PluginSettings.render(Action.of("Set {}.", Setting.BASELINE_VERSION));

        assertThat(text)
                .startsWith("Set slipway.baseline.version.")
                .contains("mvn slipway:baseline -Dslipway.version=<version>");
    }
}
