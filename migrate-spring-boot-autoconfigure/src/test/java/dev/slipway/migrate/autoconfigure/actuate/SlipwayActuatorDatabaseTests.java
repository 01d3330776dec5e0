package dev.slipway.migrate.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.MigrationDescriptor;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.SlipwayDescriptor;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpointWebExtension.RefusalDescriptor;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What the {@code slipway} endpoint and health contributor report about a real database, and the endpoint's
 * write operation. Each test migrates its own schema at startup ({@code db/resolvable-migrations}: a
 * transactional migration and a non-transactional one of three statements); some then make the second one
 * FAILED as a process dying in its second statement would: unfinished, one step applied, and a next statement
 * that is not safe to run twice.
 */
@ExtendWith(PostgresExtension.class)
class SlipwayActuatorDatabaseTests {

    private final TestDatabase db;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    SlipwayAutoConfiguration.class,
                    SlipwayEndpointAutoConfiguration.class,
                    SlipwayHealthContributorAutoConfiguration.class))
            .withPropertyValues(
                    "management.endpoints.web.exposure.include=slipway",
                    "slipway.locations=classpath:db/resolvable-migrations");

    SlipwayActuatorDatabaseTests(TestDatabase db) {
        this.db = db;
    }

    @Test
    void readOperationReportsEveryMigrationOfAnUpToDateSchema() {
        connectedTo("read_up_to_date").run(context -> {
            SlipwayDescriptor descriptor =
                    context.getBean(SlipwayEndpoint.class).slipway();

            assertThat(descriptor.state()).isEqualTo(SlipwayState.UP_TO_DATE);
            assertThat(descriptor.lockHolder()).isNull();
            assertThat(descriptor.problems()).isEmpty();
            assertThat(descriptor.backfills()).as("without a Backfills bean").isEmpty();
            assertThat(descriptor.migrations())
                    .extracting(MigrationDescriptor::version, MigrationDescriptor::name, MigrationDescriptor::state)
                    .containsExactly(
                            tuple("1", "base", MigrationState.APPLIED), tuple("2", "steps", MigrationState.APPLIED));
            assertThat(descriptor.migrations()).allSatisfy(m -> {
                assertThat(m.checksum()).matches("[0-9a-f]{64}");
                assertThat(m.startedAt()).isNotNull();
                assertThat(m.finishedAt()).isAfterOrEqualTo(m.startedAt());
                assertThat(m.executionMs()).isNotNull();
                assertThat(m.appliedBy()).isNotBlank();
                assertThat(m.error()).isNull();
            });
        });
    }

    @Test
    void readOperationNamesTheSessionHoldingTheMigrationLock() throws Exception {
        connectedTo("read_locked").run(context -> {
            try (java.sql.Connection otherInstance = db.connect();
                    java.sql.Statement statement = otherInstance.createStatement()) {
                statement.execute("SET application_name = 'other-instance'");
                statement.execute("SELECT pg_advisory_lock("
                        + dev.slipway.migrate.internal.lock.AdvisoryLock.keyFor("read_locked", "slipway_migrations")
                        + ")");
                int pid =
                        otherInstance.unwrap(org.postgresql.PGConnection.class).getBackendPID();

                SlipwayDescriptor descriptor =
                        context.getBean(SlipwayEndpoint.class).slipway();

                assertThat(descriptor.lockHolder()).isNotNull();
                assertThat(descriptor.lockHolder().pid()).isEqualTo(pid);
                assertThat(descriptor.lockHolder().applicationName()).isEqualTo("other-instance");
                assertThat(descriptor.lockHolder().since()).isNotNull();
            }
        });
    }

    @Test
    void readOperationReportsAFailedMigrationAndWhatToDo() {
        connectedTo("read_failed").run(context -> {
            failSecondMigration("read_failed");

            SlipwayDescriptor descriptor =
                    context.getBean(SlipwayEndpoint.class).slipway();

            assertThat(descriptor.state()).isEqualTo(SlipwayState.FAILED);
            assertThat(descriptor.migrations())
                    .extracting(MigrationDescriptor::state)
                    .containsExactly(MigrationState.APPLIED, MigrationState.FAILED);
            assertThat(descriptor.migrations().get(1).error()).contains("statement 2 (line 3)");
            assertThat(descriptor.problems())
                    .singleElement()
                    .asString()
                    .contains("Migration 2_steps was interrupted")
                    .contains("resolve it as applied");
        });
    }

    @Test
    void resolveIsRefusedWhenWriteOperationsAreNotEnabled() {
        connectedTo("refused").run(context -> {
            failSecondMigration("refused");

            WebEndpointResponse<OperationResponseBody> response =
                    context.getBean(SlipwayEndpointWebExtension.class).resolve("2", "applied", null);

            assertThat(response.getStatus()).isEqualTo(403);
            assertThat(response.getBody())
                    .isInstanceOfSatisfying(
                            RefusalDescriptor.class,
                            refusal -> assertThat(refusal.message())
                                    .contains("Write operations of the slipway endpoint " + "are disabled")
                                    .contains("slipway.actuator.write-operations.enabled=true"));
            assertThat(stateOfSecondMigration(context.getBean(SlipwayEndpoint.class)))
                    .isEqualTo(MigrationState.FAILED);
        });
    }

    @Test
    void resolveAsAppliedChangesTheHistoryWhenWriteOperationsAreEnabled() {
        connectedTo("resolved_applied")
                .withPropertyValues("slipway.actuator.write-operations.enabled=true")
                .run(context -> {
                    failSecondMigration("resolved_applied");

                    WebEndpointResponse<OperationResponseBody> response =
                            context.getBean(SlipwayEndpointWebExtension.class).resolve("2", "applied", null);

                    assertThat(response.getStatus()).isEqualTo(200);
                    assertThat(response.getBody())
                            .isInstanceOfSatisfying(
                                    MigrationDescriptor.class,
                                    m -> assertThat(m.state()).isEqualTo(MigrationState.APPLIED));
                    assertThat(context.getBean(SlipwayEndpoint.class).slipway().state())
                            .isEqualTo(SlipwayState.UP_TO_DATE);
                });
    }

    @Test
    void resolveAsRolledBackLeavesTheMigrationToRunAgain() {
        connectedTo("resolved_rolled_back")
                .withPropertyValues("slipway.actuator.write-operations.enabled=true")
                .run(context -> {
                    failSecondMigration("resolved_rolled_back");

                    WebEndpointResponse<OperationResponseBody> response =
                            context.getBean(SlipwayEndpointWebExtension.class).resolve("2", "rolled-back", null);

                    assertThat(response.getStatus()).isEqualTo(200);
                    SlipwayDescriptor after =
                            context.getBean(SlipwayEndpoint.class).slipway();
                    assertThat(after.state()).isEqualTo(SlipwayState.PENDING);
                    assertThat(after.migrations().get(1).state()).isEqualTo(MigrationState.ROLLED_BACK);
                });
    }

    @Test
    void resolveAsAppliedRecordsAPendingMigrationNeverAttemptedWithoutRunningIt() {
        connectedTo("resolved_pending")
                .withPropertyValues("slipway.actuator.write-operations.enabled=true")
                .run(context -> {
                    forgetSecondMigration("resolved_pending");
                    assertThat(stateOfSecondMigration(context.getBean(SlipwayEndpoint.class)))
                            .isEqualTo(MigrationState.PENDING);

                    WebEndpointResponse<OperationResponseBody> response =
                            context.getBean(SlipwayEndpointWebExtension.class).resolve("2", "applied", null);

                    assertThat(response.getStatus()).isEqualTo(200);
                    assertThat(response.getBody())
                            .isInstanceOfSatisfying(
                                    MigrationDescriptor.class,
                                    m -> assertThat(m.state()).isEqualTo(MigrationState.APPLIED));
                    assertThat(db.queryString(
                                    "SELECT kind FROM resolved_pending.slipway_migrations" + " WHERE version = '2'"))
                            .isEqualTo("resolved");
                    assertThat(context.getBean(SlipwayEndpoint.class).slipway().state())
                            .isEqualTo(SlipwayState.UP_TO_DATE);
                });
    }

    @Test
    void resolvingAPendingMigrationNeverAttemptedAsRolledBackIsAConflict() {
        connectedTo("rolled_back_pending")
                .withPropertyValues("slipway.actuator.write-operations.enabled=true")
                .run(context -> {
                    forgetSecondMigration("rolled_back_pending");

                    WebEndpointResponse<OperationResponseBody> response =
                            context.getBean(SlipwayEndpointWebExtension.class).resolve("2", "rolled-back", null);

                    assertThat(response.getStatus()).isEqualTo(409);
                    assertThat(((RefusalDescriptor) response.getBody()).message())
                            .contains(
                                    "Migration 2_steps cannot be resolved as rolled back: it has never been attempted");
                    assertThat(stateOfSecondMigration(context.getBean(SlipwayEndpoint.class)))
                            .isEqualTo(MigrationState.PENDING);
                });
    }

    @Test
    void resolvingAMigrationThatDidNotFailIsAConflict() {
        connectedTo("conflict")
                .withPropertyValues("slipway.actuator.write-operations.enabled=true")
                .run(context -> {
                    WebEndpointResponse<OperationResponseBody> response =
                            context.getBean(SlipwayEndpointWebExtension.class).resolve("1", "applied", null);

                    assertThat(response.getStatus()).isEqualTo(409);
                    assertThat(((RefusalDescriptor) response.getBody()).message())
                            .contains("Migration 1 cannot be resolved: its latest attempt is applied");
                });
    }

    @Test
    void resolvingAnUnknownVersionIsNotFound() {
        connectedTo("unknown")
                .withPropertyValues("slipway.actuator.write-operations.enabled=true")
                .run(context -> {
                    WebEndpointResponse<OperationResponseBody> response =
                            context.getBean(SlipwayEndpointWebExtension.class).resolve("42", "applied", null);

                    assertThat(response.getStatus()).isEqualTo(404);
                    assertThat(((RefusalDescriptor) response.getBody()).message())
                            .contains("There is no migration with version 42");
                });
    }

    @Test
    void anUnknownResolutionIsABadRequestNamingTheAllowedValues() {
        connectedTo("bad_resolution")
                .withPropertyValues("slipway.actuator.write-operations.enabled=true")
                .run(context -> {
                    failSecondMigration("bad_resolution");

                    WebEndpointResponse<OperationResponseBody> response =
                            context.getBean(SlipwayEndpointWebExtension.class).resolve("2", "fixed", null);

                    assertThat(response.getStatus()).isEqualTo(400);
                    assertThat(((RefusalDescriptor) response.getBody()).message())
                            .startsWith("Unknown resolution 'fixed'")
                            .contains("\"applied\"")
                            .contains("\"rolled-back\"");
                    assertThat(stateOfSecondMigration(context.getBean(SlipwayEndpoint.class)))
                            .isEqualTo(MigrationState.FAILED);
                });
    }

    @Test
    void healthIsUpWithCountsWhenUpToDate() {
        connectedTo("health_up").run(context -> {
            Health health = context.getBean(SlipwayHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("state", SlipwayState.UP_TO_DATE)
                    .containsEntry("applied", 2L)
                    .containsEntry("pending", 0L)
                    .containsEntry("awaiting", 0L)
                    .doesNotContainKey("problems");
        });
    }

    @Test
    void healthIsDownWithTheProblemWhenAMigrationFailed() {
        connectedTo("health_failed").run(context -> {
            failSecondMigration("health_failed");

            Health health = context.getBean(SlipwayHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails())
                    .containsEntry("state", SlipwayState.FAILED)
                    .containsEntry("applied", 1L)
                    .containsEntry("failed", 1L);
            assertThat(health.getDetails().get("problems"))
                    .asList()
                    .singleElement()
                    .asString()
                    .contains("Migration 2_steps was interrupted");
        });
    }

    @Test
    void healthIsDownWhenAnAppliedMigrationWasModified() {
        connectedTo("health_modified").run(context -> {
            db.execute("UPDATE health_modified.slipway_migrations SET checksum = repeat('0', 64) WHERE version = '1'");

            Health health = context.getBean(SlipwayHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("state", SlipwayState.INVALID);
            assertThat(health.getDetails().get("problems"))
                    .asList()
                    .singleElement()
                    .asString()
                    .contains("Migration 1_base was changed after it was applied")
                    .contains(repeat('0', 64));
        });
    }

    @Test
    void healthIsUpWhenAMissingMigrationIsIgnored() {
        connectedTo("health_missing")
                .withPropertyValues("slipway.validate.ignore-missing=true")
                .run(context -> {
                    db.execute(
                            "INSERT INTO health_missing.slipway_migrations (id, version, name, checksum, phase, started_at,"
                                    + " finished_at, applied_steps, execution_ms, applied_by)"
                                    + " SELECT gen_random_uuid(), '0', 'gone', checksum, phase, started_at, finished_at, applied_steps,"
                                    + " execution_ms, applied_by FROM health_missing.slipway_migrations WHERE version = '1'");

                    Health health =
                            context.getBean(SlipwayHealthIndicator.class).health();

                    assertThat(context.getBean(SlipwayEndpoint.class).slipway().migrations())
                            .extracting(MigrationDescriptor::state)
                            .contains(MigrationState.MISSING);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                });
    }

    private ApplicationContextRunner connectedTo(String schema) {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return runner.withPropertyValues(
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + db.username(),
                "spring.datasource.password=" + db.password(),
                "slipway.schema=" + schema);
    }

    /** Makes migration 2 look as if the process died in its statement 2, whose effect cannot be checked. */
    private void failSecondMigration(String schema) {
        db.execute("DROP TABLE " + schema + ".c");
        db.execute("UPDATE " + schema + ".slipway_migrations SET finished_at = NULL, applied_steps = 1"
                + " WHERE version = '2'");
    }

    /**
     * Makes migration 2 pending and never attempted while its changes are in the schema: as after a hotfix made by
     * hand that the history does not know of.
     */
    private void forgetSecondMigration(String schema) {
        db.execute("DELETE FROM " + schema + ".slipway_migrations WHERE version = '2'");
    }

    private static MigrationState stateOfSecondMigration(SlipwayEndpoint endpoint) {
        return endpoint.slipway().migrations().get(1).state();
    }

    private static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }
}
