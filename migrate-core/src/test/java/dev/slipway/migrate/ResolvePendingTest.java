package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resolve} of a pending migration that was never attempted: a hotfix made by hand, then recorded as applied
 * (Prisma's {@code migrate resolve --applied}), and the refusals around it.
 */
@ExtendWith(PostgresExtension.class)
class ResolvePendingTest {

    private final TestDatabase db;

    ResolvePendingTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aHotfixMadeByHandIsResolvedAsAppliedWithoutRunning(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("rp_", test);
        MigrationFiles files = new MigrationFiles(dir).add("1_base", "CREATE TABLE base (id int);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
        slipway.migrate();
        files.add("2_hotfix", "CREATE TABLE hotfix (id int);").add("3_later", "CREATE TABLE later (id int);");
        db.execute("CREATE TABLE " + schema + ".hotfix (id int)"); // made by hand in production

        MigrationInfo resolved = slipway.resolve("2", Resolution.APPLIED);

        assertThat(resolved.id()).isEqualTo("2_hotfix");
        assertThat(resolved.state()).isEqualTo(MigrationState.APPLIED);
        assertThat(resolved.appliedChecksum()).isEqualTo(resolved.checksum());
        assertThat(resolved.appliedBy()).contains("/" + ProcessHandle.current().pid());
        assertThat(db.queryStrings("SELECT kind || ' | ' || logs || ' | ' || (finished_at IS NOT NULL)"
                        + " || ' | ' || applied_steps FROM " + schema + ".slipway_migrations WHERE version = '2'"))
                .containsExactly("resolved | resolved as applied by hand: recorded as applied without running (it "
                        + "was never attempted) | true | 0");
        // CREATE TABLE hotfix would fail if it ran: the table is there.
        assertThat(slipway.migrate().applied()).extracting(MigrationInfo::id).containsExactly("3_later");
        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.APPLIED);
    }

    @Test
    void aMigrationNeverAttemptedCannotBeResolvedAsRolledBack(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("rp_", test);
        MigrationFiles files = new MigrationFiles(dir).add("1_base", "CREATE TABLE base (id int);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
        slipway.migrate();
        files.add("2_next", "CREATE TABLE next (id int);");

        Throwable refusal = catchThrowable(() -> slipway.resolve("2", Resolution.ROLLED_BACK));

        assertThat(refusal)
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("Migration 2_next cannot be resolved as rolled back: it has never been "
                        + "attempted, so there is nothing to roll back")
                .hasMessageContaining("resolve it as applied");
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations"))
                .isEqualTo(1);
        assertThat(slipway.status().migrations().get(1).state()).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void aVersionWithoutAFileIsRefusedNamingTheVersionsNearIt(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("rp_", test);
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_base", "CREATE TABLE base (id int);")
                .add("2_two", "CREATE TABLE two (id int);")
                .add("3_three", "CREATE TABLE three (id int);")
                .add("20_twenty", "CREATE TABLE twenty (id int);")
                .add("30_thirty", "CREATE TABLE thirty (id int);")
                .add("40_forty", "CREATE TABLE forty (id int);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();

        Throwable refusal = catchThrowable(() -> slipway.resolve("15", Resolution.APPLIED));

        assertThat(refusal)
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("Migration 15 cannot be resolved: no migration file has version 15")
                .hasMessageContaining("versions near it: 2_two, 3_three, 20_twenty, 30_thirty");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"))
                .isZero();
    }

    @Test
    void aSchemaSlipwayHasNotTakenOverYetIsRefused(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("rp_", test);
        db.execute("CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".base (id int)");
        MigrationFiles files = new MigrationFiles(dir).add("1_base", "CREATE TABLE base (id int);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();

        Throwable refusal = catchThrowable(() -> slipway.resolve("1", Resolution.APPLIED));

        assertThat(refusal)
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("Migration 1_base cannot be resolved yet")
                .hasMessageContaining("Run migrate first");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                        + "' AND tablename = 'slipway_migrations'"))
                .isZero();
    }
}
