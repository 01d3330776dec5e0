package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A non-transactional migration interrupted where resuming is not known to be safe, and its resolution. */
@ExtendWith(PostgresExtension.class)
class ResolveTest {

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;
    private Slipway slipway;

    ResolveTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void interruptAMigration(@TempDir Path dir, TestInfo test) {
        schema = MigrationFiles.schemaFor("r_", test);
        files = new MigrationFiles(dir)
                .add("1_base", "CREATE TABLE t (id int);")
                .add(
                        "2_steps",
                        "-- slipway:transaction off\n"
                                + "CREATE TABLE a (id int);\n"
                                + "ALTER TABLE a ADD COLUMN b int;\n"
                                + "CREATE TABLE c (id int);")
                .add("3_later", "CREATE TABLE later (id int);");
        slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
        slipway.migrate();
        // Make it look as if the process died while running statement 2 of migration 2: its outcome is unknown.
        db.execute("DROP TABLE " + schema + ".c, " + schema + ".later");
        db.execute("DELETE FROM " + schema + ".slipway_migrations WHERE version = '3'");
        db.execute("UPDATE " + schema + ".slipway_migrations SET finished_at = NULL, applied_steps = 1"
                + " WHERE version = '2'");
    }

    @Test
    void anInterruptedMigrationWhoseNextStatementCannotBeCheckedIsFailedAndBlocks() {
        MigrationStatus status = slipway.status();
        assertThat(status.migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.FAILED, MigrationState.PENDING);
        assertThat(status.migrations().get(1).error()).contains("statement 2 (line 3)");

        assertThatThrownBy(slipway::migrate).isInstanceOfSatisfying(MigrationValidationException.class, e -> {
            assertThat(e.getProblems())
                    .singleElement()
                    .satisfies(p -> assertThat(p.migration().id()).isEqualTo("2_steps"));
            assertThat(e.getMessage())
                    .contains("Migration 2_steps was interrupted while it ran statement 2 (line 3")
                    .contains("1 of its 3 statements are applied")
                    .contains("resolve it as applied")
                    .contains("resolve it as rolled back");
        });
        assertThat(slipway.validate().isValid()).isFalse();
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"
                        + " AND tablename = 'later'"))
                .isZero();
    }

    @Test
    void resolvedAsAppliedItCountsAsAppliedAndLaterMigrationsRun() {
        db.execute("CREATE TABLE " + schema + ".c (id int)");

        MigrationInfo resolved = slipway.resolve("2", Resolution.APPLIED);

        assertThat(resolved.state()).isEqualTo(MigrationState.APPLIED);
        assertThat(slipway.migrate().applied()).extracting(MigrationInfo::id).containsExactly("3_later");
        assertThat(slipway.status().isUpToDate()).isTrue();
    }

    @Test
    void resolvedAsRolledBackItRunsAgainFromTheStartKeepingTheFailedAttempt() {
        db.execute("DROP TABLE " + schema + ".a");

        MigrationInfo resolved = slipway.resolve("2", Resolution.ROLLED_BACK);

        assertThat(resolved.state()).isEqualTo(MigrationState.ROLLED_BACK);
        assertThat(slipway.migrate().applied()).extracting(MigrationInfo::id).containsExactly("2_steps", "3_later");
        assertThat(db.queryStrings("SELECT CASE WHEN rolled_back_at IS NOT NULL THEN 'rolled back'"
                        + " WHEN finished_at IS NOT NULL THEN 'applied' ELSE 'open' END FROM " + schema
                        + ".slipway_migrations WHERE version = '2' ORDER BY started_at"))
                .containsExactly("rolled back", "applied");
    }

    @Test
    void refusesToResolveAMigrationThatDidNotFail() {
        assertThatThrownBy(() -> slipway.resolve("1", Resolution.ROLLED_BACK))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("Migration 1 cannot be resolved: its latest attempt is applied")
                .hasMessageContaining("migrations that can be resolved now: 2_steps");
    }
}
