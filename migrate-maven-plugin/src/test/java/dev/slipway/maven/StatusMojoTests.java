package dev.slipway.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationStatus;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.ValidationProblem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code failOnPending} of the status goal: when it fails the build, and what it says. */
class StatusMojoTests {

    private static final String DB = "jdbc:postgresql://db:5432/shop as shop";

    @Test
    void anUpToDateDatabasePasses() {
        MigrationStatus status = new MigrationStatus(
                List.of(migration("20240101000000", "create_users", MigrationState.APPLIED, null)), Optional.empty());

        assertThat(StatusMojo.notUpToDate(status, DB)).isNull();
    }

    @Test
    void namesThePendingAndAwaitingMigrationsAndSaysToDeploy() {
        MigrationStatus status = new MigrationStatus(
                List.of(
                        migration("20240101000000", "create_users", MigrationState.APPLIED, null),
                        migration("20240102000000", "add_email", MigrationState.PENDING, null),
                        migration("20240103000000", "drop_name", MigrationState.AWAITING, "backfill users_name")),
                Optional.empty());

        assertThat(StatusMojo.notUpToDate(status, DB))
                .isEqualTo("The database " + DB + " is not up to date (failOnPending):\n"
                        + "-> 20240102000000_add_email (PENDING)\n"
                        + "-> 20240103000000_drop_name (AWAITING: backfill users_name)\n"
                        + "Apply them with mvn slipway:deploy (contract migrations with -Dslipway.contract once their "
                        + "conditions hold).");
    }

    @Test
    void namesAFailedMigrationAndAValidationProblem() {
        MigrationInfo modified = migration("20240101000000", "create_users", MigrationState.MODIFIED, null);
        MigrationStatus status = new MigrationStatus(
                List.of(modified, migration("20240102000000", "add_email", MigrationState.FAILED, null)),
                Optional.empty(),
                List.of(new ValidationProblem(
                        modified,
                        SlipwayError.MIGRATION_MODIFIED,
                        "Migration 20240101000000_create_users was changed after it was applied.\n-> checksum ...",
                        Action.text("Restore the file."))));

        assertThat(StatusMojo.notUpToDate(status, DB))
                .contains("-> 20240102000000_add_email (FAILED)")
                .contains("-> problem: Migration 20240101000000_create_users was changed after it was applied.")
                .endsWith("Settle a failed migration with mvn slipway:resolve, or fix the problems shown above.")
                .doesNotContain("slipway:deploy");
    }

    private static MigrationInfo migration(String version, String name, MigrationState state, String awaiting) {
        return new MigrationInfo(
                version,
                name,
                MigrationPhase.EXPAND,
                state,
                null,
                null,
                "filesystem:db/" + version + "_" + name + "/migration.sql",
                true,
                1,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                awaiting);
    }
}
