package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.ExistingSchemaException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class ExistingSchemaFailureAnalyzerTests {

    private final ExistingSchemaFailureAnalyzer analyzer = new ExistingSchemaFailureAnalyzer();

    @Test
    void namesTheSchemaAndItsObjectsAndGivesTheBaselineOfTheNewestMigrationFile() {
        ExistingSchemaException refusal = new ExistingSchemaException(
                "petclinic",
                List.of("table owners", "table pets", "table vets", "view pet_owners", "sequence visit_ids"),
                7,
                "20240301000000",
                null);

        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("slipwayMigrationInitializer", refusal));

        assertThat(analysis.getDescription()).isEqualTo("""
                Schema petclinic already holds 7 objects but no migration history, so Slipway did not run its first \
                migration over it. Nothing ran.

                    table owners
                    table pets
                    table vets
                    view pet_owners
                    sequence visit_ids
                    ... and 2 more""");
        assertThat(analysis.getAction()).isEqualTo("""
                If the schema is what these migrations build, record them as applied without running them: set \
                slipway.baseline.version=20240301000000 (the newest migration file). If it holds only the older ones, \
                set slipway.baseline.version to the newest migration it holds instead; the later ones then run. Every \
                migration up to the baseline is recorded as BASELINE, once; the setting may stay.
                If the schema is not meant for these migrations, point Slipway at another schema (slipway.schema) or \
                database (slipway.datasource.url).""");
        assertThat(analysis.getCause()).isSameAs(refusal);
    }

    @Test
    void saysHowToImportAnotherToolsHistoryWhenImportingIsOff() {
        FailureAnalysis analysis = analyzer.analyze(
                new ExistingSchemaException("public", List.of("table users"), 1, "3", "public.flyway_schema_history"));

        assertThat(analysis.getDescription())
                .startsWith("Schema public already holds 1 object but no migration")
                .endsWith("\n\npublic.flyway_schema_history holds another tool's migration history, but importing it"
                        + " is turned off (slipway.adopt=off).");
        assertThat(analysis.getAction())
                .startsWith(
                        "To take over the history in public.flyway_schema_history, import "
                                + "it: set slipway.adopt=auto. Otherwise:\nIf the schema is what these "
                                + "migrations build, record them as applied without running them: set slipway.baseline.version=3 ");
    }

    @Test
    void pointsAtTheLocationsWhenThereIsNoMigrationFile() {
        FailureAnalysis analysis = analyzer.analyze(
                new ExistingSchemaException("public", List.of("table users", "table orders"), 2, null, null));

        assertThat(analysis.getDescription())
                .contains("\n    table users\n    table orders")
                .doesNotContain("more");
        assertThat(analysis.getAction())
                .startsWith("No migration file was found, so there is nothing to record: " + "check slipway.locations.")
                .doesNotContain("slipway.baseline.version=");
    }
}
