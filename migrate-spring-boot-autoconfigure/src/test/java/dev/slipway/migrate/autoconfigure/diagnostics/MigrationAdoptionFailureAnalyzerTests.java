package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.slipway.migrate.AdoptionProblem;
import dev.slipway.migrate.MigrationAdoptionException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

class MigrationAdoptionFailureAnalyzerTests {

    private static final String SOURCE = "public.flyway_schema_history";

    private static final AdoptionProblem EDITED = new AdoptionProblem("2.1", """
            V2.1__add_email.sql was changed after Flyway applied it.
            -> checksum in public.flyway_schema_history: -1293478
            -> Flyway's checksum of the file now:         88120021""",
            "restore the file as Flyway applied it, or run flyway repair first if the change is intended");

    private static final AdoptionProblem GONE = new AdoptionProblem("3", "Flyway applied V3__drop_legacy.sql, but "
            + "there is no such file", "restore the file, or ignore missing migrations if it was removed on purpose");

    private static final AdoptionProblem ALSO_GONE = new AdoptionProblem("4", "Flyway applied V4__java_migration, "
            + "a Java migration, which has no SQL file", "restore the file, or ignore missing migrations if it was "
                    + "removed on purpose");

    private final MigrationAdoptionFailureAnalyzer analyzer = new MigrationAdoptionFailureAnalyzer();

    @Test
    void listsEveryProblemWithItsMigrationAndTheFixOfEachInSpringTerms() {
        FailureAnalysis analysis = analyzer.analyze(new MigrationAdoptionException(SOURCE, List.of(EDITED, GONE,
                ALSO_GONE)));

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
                3, 4: Restore the file, or ignore missing migrations (slipway.validate.ignore-missing=true) if it was \
                removed on purpose
                Then start the application again: the import is all or nothing, and runs on the first start that \
                finds no problem.
                To take the schema over without importing public.flyway_schema_history, set slipway.adopt=off and \
                slipway.baseline.version=<the newest migration it applied>: every migration up to it is recorded as \
                BASELINE without running, and public.flyway_schema_history is left as it is.""");
    }

    @Test
    void aSingleProblemNeedsNoMigrationBeforeItsFix() {
        FailureAnalysis analysis = analyzer.analyze(new MigrationAdoptionException("public._prisma_migrations",
                List.of(new AdoptionProblem(null, "the schema holds the history of two tools: "
                        + "public.flyway_schema_history and public._prisma_migrations; Slipway does not know which "
                        + "one built it", "rename or drop the table of the tool that no longer migrates this schema, "
                                + "then start again"))));

        assertThat(analysis.getDescription()).contains("(1 problem)")
                .endsWith("\n\n    the schema holds the history of two tools: public.flyway_schema_history and "
                        + "public._prisma_migrations; Slipway does not know which one built it");
        assertThat(analysis.getAction()).startsWith("Rename or drop the table of the tool that no longer migrates "
                + "this schema, then start again\n")
                .contains("set slipway.adopt=off and slipway.baseline.version=");
    }

    @Test
    void rendersTheSettingsTheCoreNamesAsSpringProperties() {
        assertThat(MigrationAdoptionFailureAnalyzer.inSpringTerms("set ignoreMissing() if it was removed on purpose"))
                .isEqualTo("Set slipway.validate.ignore-missing=true if it was removed on purpose");
        assertThat(MigrationAdoptionFailureAnalyzer.inSpringTerms("or turn importing off and set a baseline version"))
                .isEqualTo("Or turn importing off (slipway.adopt=off) and set a baseline version "
                        + "(slipway.baseline.version)");
        assertThat(MigrationAdoptionFailureAnalyzer.inSpringTerms("name Flyway's table with flywayTable"))
                .isEqualTo("Name Flyway's table with slipway.adopt.flyway-table");
        assertThat(MigrationAdoptionFailureAnalyzer.inSpringTerms("add the folder to the configured locations"))
                .isEqualTo("Add the folder to the configured locations (slipway.locations)");
        assertThat(MigrationAdoptionFailureAnalyzer.inSpringTerms("run prisma migrate resolve --applied 1_init"))
                .isEqualTo("Run prisma migrate resolve --applied 1_init");
        assertThat(MigrationAdoptionFailureAnalyzer.inSpringTerms(
                "set slipway.validate.ignore-missing=true to ignore missing migrations"))
                .as("already in Spring terms").isEqualTo("Set slipway.validate.ignore-missing=true to ignore missing "
                        + "migrations");
    }
}
