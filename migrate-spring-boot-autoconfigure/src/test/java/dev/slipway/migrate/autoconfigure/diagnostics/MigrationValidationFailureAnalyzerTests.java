package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationValidationException;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.ValidationProblem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MigrationValidationFailureAnalyzerTests {

    private static final String MODIFIED = """
            Migration 20240101000000_add_display_name was changed after it was applied.
            -> checksum in public.slipway_migrations: 3f9a
            -> checksum of the file now:             81c2
            -> file: classpath:db/migrations/20240101000000_add_display_name/migration.sql""";

    private static final Action RESTORE =
            Action.text("Restore the file as it was applied, or write a new migration " + "for the change.");

    private static final String MISSING = """
            Migration 20240201000000_drop_legacy was applied but its file is gone.
            -> applied at: 2024-02-01T10:00:00Z by host-1 (pid 7)
            -> recorded in public.slipway_migrations with checksum 99aa""";

    private static final Action RESTORE_OR_IGNORE = Action.of(
            "Restore the migration (a migration must keep its "
                    + "folder or file name once applied), or set {} if it was removed on purpose.",
            Setting.VALIDATE_IGNORE_MISSING.to("true"));

    private final MigrationValidationFailureAnalyzer analyzer = new MigrationValidationFailureAnalyzer();

    @Test
    void putsTheFactsOfAModifiedMigrationInTheDescriptionAndTheFixInTheAction() {
        FailureAnalysis analysis = analyzer.analyze(new MigrationValidationException(
                List.of(problem("20240101000000", "add_display_name", MigrationState.MODIFIED, MODIFIED, RESTORE))));

        assertThat(analysis.getDescription())
                .isEqualTo("The migration files and the history table disagree, so "
                        + "Slipway applied nothing (1 problem):\n\n" + MODIFIED);
        assertThat(analysis.getAction())
                .isEqualTo("Restore the file as it was applied, or write a new migration for the change.");
    }

    @Test
    void namesTheMigrationOfEachFixWhenThereAreSeveralProblems() {
        FailureAnalysis analysis = analyzer.analyze(new MigrationValidationException(List.of(
                problem("20240101000000", "add_display_name", MigrationState.MODIFIED, MODIFIED, RESTORE),
                problem("20240201000000", "drop_legacy", MigrationState.MISSING, MISSING, RESTORE_OR_IGNORE))));

        assertThat(analysis.getDescription())
                .contains("(2 problems)")
                .contains("-> checksum of the file now:             81c2")
                .contains("Migration 20240201000000_drop_legacy was applied but its file is gone.\n"
                        + "-> applied at: 2024-02-01T10:00:00Z by host-1 (pid 7)")
                .doesNotContain("Restore");
        assertThat(analysis.getAction()).isEqualTo("""
                20240101000000_add_display_name: Restore the file as it was applied, or write a new migration for \
                the change.
                20240201000000_drop_legacy: Restore the migration (a migration must keep its folder or file name \
                once applied), or set slipway.validate.ignore-missing=true if it was removed on purpose.""");
    }

    private static ValidationProblem problem(
            String version, String name, MigrationState state, String description, Action action) {
        MigrationInfo info = new MigrationInfo(
                version,
                name,
                MigrationPhase.EXPAND,
                state,
                null,
                "3f9a",
                null,
                true,
                1,
                0,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                5L,
                "host-1 (pid 7)",
                null);
        return new ValidationProblem(
                info,
                (state == MigrationState.MISSING) ? SlipwayError.MIGRATION_MISSING : SlipwayError.MIGRATION_MODIFIED,
                description,
                action);
    }
}
