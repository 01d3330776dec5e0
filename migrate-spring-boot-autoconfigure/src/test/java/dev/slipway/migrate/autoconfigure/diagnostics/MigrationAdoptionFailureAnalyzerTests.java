package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.AdoptionProblem;
import dev.slipway.migrate.MigrationAdoptionException;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MigrationAdoptionFailureAnalyzerTests {

    private static final String SOURCE = "public.flyway_schema_history";

    private static final AdoptionProblem EDITED = new AdoptionProblem(
            SlipwayError.MIGRATION_MODIFIED,
            "2.1",
            """
            V2.1__add_email.sql was changed after Flyway applied it.
            -> checksum in public.flyway_schema_history: -1293478
            -> Flyway's checksum of the file now:         88120021""",
            Action.text("restore the file as Flyway applied it, or run flyway repair first if the change is intended"));

    private static final Action RESTORE = Action.of(
            "restore the file, or set {} if it was removed on purpose", Setting.VALIDATE_IGNORE_MISSING.to("true"));

    private static final AdoptionProblem GONE = new AdoptionProblem(
            SlipwayError.MIGRATION_MISSING,
            "3",
            "Flyway applied V3__drop_legacy.sql, but there is no such file",
            RESTORE);

    private static final AdoptionProblem ALSO_GONE = new AdoptionProblem(
            SlipwayError.MIGRATION_MISSING,
            "4",
            "Flyway applied V4__java_migration, a Java migration, which has no SQL file",
            RESTORE);

    private final MigrationAdoptionFailureAnalyzer analyzer = new MigrationAdoptionFailureAnalyzer();

    @Test
    void listsEveryProblemWithItsMigrationAndTheFixOfEachInSpringTerms() {
        FailureAnalysis analysis =
                analyzer.analyze(new MigrationAdoptionException(SOURCE, List.of(EDITED, GONE, ALSO_GONE)));

        assertThat(analysis.getDescription()).isEqualTo("""
                Slipway cannot take over the migration history in public.flyway_schema_history (3 problems), so it \
                imported nothing and ran no migration. public.flyway_schema_history and the schema are as they were.

                    2.1: V2.1__add_email.sql was changed after Flyway applied it.
                    -> checksum in public.flyway_schema_history: -1293478
                    -> Flyway's checksum of the file now:         88120021

                    3: Flyway applied V3__drop_legacy.sql, but there is no such file

                    4: Flyway applied V4__java_migration, a Java migration, which has no SQL file""");
        assertThat(analysis.getAction()).isEqualTo("""
                2.1: Restore the file as Flyway applied it, or run flyway repair first if the change is intended
                3, 4: Restore the file, or set slipway.validate.ignore-missing=true if it was removed on purpose
                Then start again: the import is all or nothing, and runs on the first start that finds no problem.
                To take the schema over without importing public.flyway_schema_history, set slipway.adopt=off and \
                slipway.baseline.version=<the newest migration it applied>: every migration up to it is recorded as \
                BASELINE without running, and public.flyway_schema_history is left as it is.""");
    }

    @Test
    void aSingleProblemNeedsNoMigrationBeforeItsFix() {
        FailureAnalysis analysis = analyzer.analyze(new MigrationAdoptionException(
                "public._prisma_migrations",
                List.of(new AdoptionProblem(
                        SlipwayError.HISTORY_NOT_READABLE,
                        null,
                        "the schema holds the history of two tools: "
                                + "public.flyway_schema_history and public._prisma_migrations; Slipway does not know which "
                                + "one built it",
                        Action.text("rename or drop the table of the tool that no longer migrates "
                                + "this schema, then start again")))));

        assertThat(analysis.getDescription())
                .contains("(1 problem)")
                .endsWith("\n\n    the schema holds the history of two tools: public.flyway_schema_history and "
                        + "public._prisma_migrations; Slipway does not know which one built it");
        assertThat(analysis.getAction())
                .startsWith("Rename or drop the table of the tool that no longer migrates "
                        + "this schema, then start again\n")
                .contains("set slipway.adopt=off and slipway.baseline.version=");
    }

    @Test
    void namesEverySettingByItsSpringProperty() {
        for (Setting setting : Setting.values()) {
            if (setting == Setting.SHADOW_URL) { // a front-end option of the schema diff, not a property
                assertThat(SpringSettings.property(setting)).isEqualTo("a shadow database URL");
                continue;
            }
            String property = SpringSettings.property(setting);
            assertThat(property).startsWith("slipway.");
            if (setting != Setting.ADOPT_MODE) { // slipway.adopt=off is the shorthand that AdoptPropertyBinding reads
                String path = java.util.Arrays.stream(
                                property.substring("slipway.".length()).split("\\."))
                        .map(MigrationAdoptionFailureAnalyzerTests::camelCase)
                        .collect(java.util.stream.Collectors.joining("."));
                assertThat(new org.springframework.beans.BeanWrapperImpl(
                                        new dev.slipway.migrate.autoconfigure.SlipwayProperties())
                                .isReadableProperty(path))
                        .as(property + " is a property of SlipwayProperties")
                        .isTrue();
            }
        }
        assertThat(SpringSettings.render(
                        Action.of("Raise {}, or set {}.", Setting.LOCK_WAIT_TIMEOUT, Setting.LINT_MODE.to("warn"))))
                .isEqualTo("Raise slipway.lock.wait-timeout, or set slipway.lint.mode=warn.");
    }

    private static String camelCase(String kebab) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
