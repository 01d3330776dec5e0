package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.Setting;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class InvalidMigrationFailureAnalyzerTests {

    private static final String SOURCE = "classpath:db/migrations/20240101000000_init/migration.sql";

    private final InvalidMigrationFailureAnalyzer analyzer = new InvalidMigrationFailureAnalyzer();

    @Test
    void namesFileAndLineWithTheProblemAndItsFix() {
        FailureAnalysis analysis = analyzer.analyze(new InvalidMigrationException(
                SOURCE,
                3,
                "The directive -- slipway:phase contract shares its line with SQL.",
                Action.text("Put it on a line of its own.")));

        assertThat(analysis.getDescription())
                .isEqualTo("Slipway cannot use the migration at " + SOURCE + ", line 3:\n"
                        + "    The directive -- slipway:phase contract shares its line with SQL.");
        assertThat(analysis.getAction()).isEqualTo("Put it on a line of its own.");
    }

    @Test
    void leavesOutTheLineWhenTheProblemIsNotOnOneAndNamesTheLocationsProperty() {
        FailureAnalysis analysis = analyzer.analyze(new InvalidMigrationException(
                "classpath:db/migratons",
                0,
                "No folder db/migratons was found on the classpath.",
                Action.of(
                        "Create it (in a Maven or Gradle "
                                + "project: src/main/resources/db/migratons), or fix the configured location ({}).",
                        Setting.LOCATIONS)));

        assertThat(analysis.getDescription())
                .isEqualTo("Slipway cannot use the migration at classpath:db/migratons:\n"
                        + "    No folder db/migratons was found on the classpath.");
        assertThat(analysis.getAction())
                .startsWith("Create it (in a Maven or Gradle project")
                .endsWith("or fix the configured location (slipway.locations).");
    }

    @Test
    void capitalizesTheLexersProblems() {
        FailureAnalysis analysis = analyzer.analyze(new InvalidMigrationException(
                SOURCE,
                12,
                "unterminated quoted string starting here.",
                Action.text("Close it with ' (write '' for a quote inside the string).")));

        assertThat(analysis.getDescription()).endsWith("line 12:\n    Unterminated quoted string starting here.");
        assertThat(analysis.getAction()).isEqualTo("Close it with ' (write '' for a quote inside the string).");
    }

    @Test
    void saysToFixTheFileWhenTheProblemComesWithoutAnAction() {
        FailureAnalysis analysis =
                analyzer.analyze(new InvalidMigrationException(SOURCE, 2, "something is off", Action.none()));

        assertThat(analysis.getDescription()).endsWith("line 2:\n    Something is off");
        assertThat(analysis.getAction())
                .isEqualTo("Fix " + SOURCE + ", line 2 as described above, then start the application again.");
    }
}
