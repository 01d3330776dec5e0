package dev.slipway.migrate.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.MigrationDescriptor;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.MigrationsChangeDescriptor;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpointWebExtension.RefusalDescriptor;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The rollback write operation of the {@code slipway} endpoint
 * ({@code POST /actuator/slipway/migrations/rollback/{version}}) on a real database: guarded by two switches, and when both
 * are on, it runs the down files newest first. Each test migrates its own schema at startup
 * ({@code db/rollback-migrations}: a table, a column, and an index built concurrently, each with a down file).
 */
@ExtendWith(PostgresExtension.class)
class SlipwayRollbackEndpointTests {

    private final TestDatabase db;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    SlipwayAutoConfiguration.class,
                    SlipwayEndpointAutoConfiguration.class))
            .withPropertyValues(
                    "management.endpoints.web.exposure.include=slipway",
                    "slipway.locations=classpath:db/rollback-migrations");

    SlipwayRollbackEndpointTests(TestDatabase db) {
        this.db = db;
    }

    @Test
    void rollbackIsRefusedWhileWriteOperationsAreDisabled() {
        connectedTo("rb_write_off")
                .withPropertyValues("slipway.actuator.rollback.enabled=true")
                .run(context -> {
                    WebEndpointResponse<OperationResponseBody> response =
                            extension(context).backfill("migrations", "rollback", "1", null);

                    assertThat(response.getStatus()).isEqualTo(403);
                    assertThat(((RefusalDescriptor) response.getBody()).message())
                            .contains("slipway.actuator.write-operations.enabled=true");
                    assertThat(columnExists("rb_write_off", "title")).isTrue();
                });
    }

    @Test
    void rollbackIsRefusedUnlessItIsEnabledOnItsOwn() {
        connectedTo("rb_rollback_off")
                .withPropertyValues("slipway.actuator.write-operations.enabled=true")
                .run(context -> {
                    WebEndpointResponse<OperationResponseBody> response =
                            extension(context).backfill("migrations", "rollback", "1", null);

                    assertThat(response.getStatus()).isEqualTo(403);
                    assertThat(((RefusalDescriptor) response.getBody()).message())
                            .contains("Rollback is disabled")
                            .contains("slipway.actuator.rollback.enabled=true");
                    assertThat(columnExists("rb_rollback_off", "title")).isTrue();
                });
    }

    @Test
    void rollbackRunsTheDownFilesNewestFirstAndMigrateAppliesThemAgain() {
        connectedTo("rb_done")
                .withPropertyValues(
                        "slipway.actuator.write-operations.enabled=true", "slipway.actuator.rollback.enabled=true")
                .run(context -> {
                    WebEndpointResponse<OperationResponseBody> response =
                            extension(context).backfill("migrations", "rollback", "1", null);

                    assertThat(response.getStatus()).isEqualTo(200);
                    MigrationsChangeDescriptor body = (MigrationsChangeDescriptor) response.getBody();
                    assertThat(body.action()).isEqualTo("rollback");
                    assertThat(body.migrations())
                            .extracting(MigrationDescriptor::version, MigrationDescriptor::state)
                            .containsExactly(
                                    tuple("3", MigrationState.ROLLED_BACK), tuple("2", MigrationState.ROLLED_BACK));
                    assertThat(columnExists("rb_done", "title")).isFalse();
                    assertThat(indexExists("rb_done", "notes_title_idx")).isFalse();
                    assertThat(context.getBean(SlipwayEndpoint.class).slipway().migrations())
                            .extracting(MigrationDescriptor::state)
                            .containsExactly(
                                    MigrationState.APPLIED, MigrationState.ROLLED_BACK, MigrationState.ROLLED_BACK);
                });
        // The next start applies them again.
        connectedTo("rb_done").run(context -> {
            assertThat(context.getBean(SlipwayEndpoint.class).slipway().migrations())
                    .extracting(MigrationDescriptor::state)
                    .containsOnly(MigrationState.APPLIED);
            assertThat(columnExists("rb_done", "title")).isTrue();
            assertThat(indexExists("rb_done", "notes_title_idx")).isTrue();
        });
    }

    @Test
    void anUnknownTargetIsNotFoundAndAnUnknownActionIsABadRequest() {
        connectedTo("rb_unknown")
                .withPropertyValues(
                        "slipway.actuator.write-operations.enabled=true", "slipway.actuator.rollback.enabled=true")
                .run(context -> {
                    WebEndpointResponse<OperationResponseBody> response =
                            extension(context).backfill("migrations", "rollback", "42", null);

                    assertThat(response.getStatus()).isEqualTo(404);
                    assertThat(((RefusalDescriptor) response.getBody()).message())
                            .contains("no migration with version 42");
                    WebEndpointResponse<OperationResponseBody> unknownAction =
                            extension(context).migrations("migrations", "undo", null);
                    assertThat(unknownAction.getStatus()).isEqualTo(400);
                    assertThat(((RefusalDescriptor) unknownAction.getBody()).message())
                            .startsWith("Unknown migrations action 'undo'")
                            .contains("/actuator/slipway/migrations/rollback/{version}");
                    assertThat(columnExists("rb_unknown", "title")).isTrue();
                });
    }

    @Test
    void aMigrationWithoutDownFileIsAConflictAndNothingIsRolledBack() throws Exception {
        connectedTo("rb_conflict")
                .withPropertyValues(
                        "slipway.actuator.write-operations.enabled=true",
                        "slipway.actuator.rollback.enabled=true",
                        "slipway.locations=classpath:db/rollback-migrations,classpath:db/rollback-without-down")
                .run(context -> {
                    WebEndpointResponse<OperationResponseBody> response =
                            extension(context).backfill("migrations", "rollback", "1", null);

                    assertThat(response.getStatus()).isEqualTo(409);
                    assertThat(((RefusalDescriptor) response.getBody()).message())
                            .contains("4_add_notes_author");
                    assertThat(columnExists("rb_conflict", "title")).isTrue();
                    assertThat(columnExists("rb_conflict", "author")).isTrue();
                });
    }

    private static SlipwayEndpointWebExtension extension(
            org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
        return context.getBean(SlipwayEndpointWebExtension.class);
    }

    private boolean columnExists(String schema, String column) throws SQLException {
        return exists("SELECT 1 FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = 'notes' AND column_name = '" + column + "'");
    }

    private boolean indexExists(String schema, String index) throws SQLException {
        return exists("SELECT 1 FROM pg_indexes WHERE schemaname = '" + schema + "' AND indexname = '" + index + "'");
    }

    private boolean exists(String sql) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private ApplicationContextRunner connectedTo(String schema) {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return runner.withPropertyValues(
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + db.username(),
                "spring.datasource.password=" + db.password(),
                "slipway.schema=" + schema);
    }
}
