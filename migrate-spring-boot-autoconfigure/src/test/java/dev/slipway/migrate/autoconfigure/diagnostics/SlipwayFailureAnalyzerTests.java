package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.AdoptionProblem;
import dev.slipway.migrate.ExistingSchemaException;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.LockWaitTimeoutException;
import dev.slipway.migrate.MigrationAdoptionException;
import dev.slipway.migrate.MigrationValidationException;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class SlipwayFailureAnalyzerTests {

    private final SlipwayFailureAnalyzer analyzer = new SlipwayFailureAnalyzer();

    @Test
    void rendersTheDescriptionAndTheActionWithItsSettingsAsProperties() {
        SlipwayException refusal = new SlipwayException(
                SlipwayError.SCHEMA_NOT_FOUND,
                "Schema app does not exist and " + "creating it is turned off.",
                Action.of("Create the schema, or let Slipway create it ({}).", Setting.CREATE_SCHEMA.to("true")));

        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("slipwayMigrationInitializer", refusal));

        assertThat(analysis.getDescription())
                .isEqualTo(
                        "Slipway stopped the startup: Schema app does not exist and creating it " + "is turned off.");
        assertThat(analysis.getAction())
                .isEqualTo("Create the schema, or let Slipway create it (slipway.create-schema=true).");
    }

    @Test
    void keepsTheFactsOfAMessageInTheDescription() {
        SlipwayException refusal = new SlipwayException(
                SlipwayError.DATABASE_ERROR,
                "Could not migrate: Connection " + "refused (SQLSTATE 08001)\n-> url: jdbc:postgresql://db:5432/app",
                Action.text("Check that the database is reachable."));

        FailureAnalysis analysis = analyzer.analyze(refusal);

        assertThat(analysis.getDescription()).contains("Connection refused").contains("-> url: jdbc:postgresql");
        assertThat(analysis.getAction()).isEqualTo("Check that the database is reachable.");
    }

    @Test
    void leavesTheExceptionsWithAnalyzersOfTheirOwnToThem() {
        assertThat(analyzer.analyze(new InvalidMigrationException(
                        "classpath:db/migrations/1_a/migration.sql", 2, "unterminated string", Action.none())))
                .isNull();
        assertThat(analyzer.analyze(new LockWaitTimeoutException(null, Duration.ofSeconds(1), "public.t")))
                .isNull();
        assertThat(analyzer.analyze(new MigrationValidationException(List.of())))
                .isNull();
        assertThat(analyzer.analyze(new ExistingSchemaException("public", List.of("table users"), 1, "2", null)))
                .isNull();
        assertThat(analyzer.analyze(new MigrationAdoptionException(
                        "public.flyway_schema_history",
                        List.of(new AdoptionProblem(
                                SlipwayError.MIGRATION_NOT_FINISHED, "2", "failed", Action.text("repair it"))))))
                .isNull();
    }
}
