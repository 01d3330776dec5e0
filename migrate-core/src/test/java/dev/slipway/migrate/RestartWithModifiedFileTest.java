package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart with nothing to apply takes a fast path that reads the history and the files without splitting or
 * planning them. An applied file edited since must still stop the start, naming both checksums, whether nothing
 * is pending at all or only contract migrations wait.
 */
@ExtendWith(PostgresExtension.class)
class RestartWithModifiedFileTest {

    private static final String EDITED = "20240102000000_add_name";

    private final TestDatabase db;

    RestartWithModifiedFileTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aRestartWithNothingPendingFailsOnAnEditedAppliedFile(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("r_", test);
        MigrationFiles files = twoApplied(dir, schema);

        files.add(EDITED, "ALTER TABLE users ADD COLUMN name varchar(100);");

        assertRestartFailsNamingBothChecksums(files, schema);
    }

    @Test
    void aRestartWithOnlyContractMigrationsWaitingFailsOnAnEditedAppliedFile(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("r_", test);
        MigrationFiles files = twoApplied(dir, schema);
        files.add(
                "20240103000000_drop_users_legacy", "-- slipway:phase contract\nALTER TABLE users DROP COLUMN legacy;");
        assertThat(slipway(files, schema).migrate().appliedCount()).isZero();
        assertThat(slipway(files, schema).status().pending())
                .extracting(MigrationInfo::version)
                .containsExactly("20240103000000");

        files.add(EDITED, "ALTER TABLE users ADD COLUMN name varchar(100);");

        assertRestartFailsNamingBothChecksums(files, schema);
    }

    private MigrationFiles twoApplied(Path dir, String schema) {
        MigrationFiles files = new MigrationFiles(dir)
                .add("20240101000000_create_users", "CREATE TABLE users (id int, legacy text);")
                .add(EDITED, "ALTER TABLE users ADD COLUMN name text;");
        assertThat(slipway(files, schema).migrate().appliedCount()).isEqualTo(2);
        return files;
    }

    private void assertRestartFailsNamingBothChecksums(MigrationFiles files, String schema) {
        String applied = db.queryString(
                "SELECT checksum FROM " + schema + ".slipway_migrations" + " WHERE version = '20240102000000'");
        assertThatThrownBy(() -> slipway(files, schema).migrate())
                .isInstanceOfSatisfying(MigrationValidationException.class, e -> {
                    assertThat(e.getProblems()).hasSize(1);
                    MigrationInfo modified = e.getProblems().get(0).migration();
                    assertThat(modified.state()).isEqualTo(MigrationState.MODIFIED);
                    assertThat(modified.checksum()).isNotEqualTo(applied).hasSize(64);
                    assertThat(e.getMessage())
                            .contains("Migration " + EDITED + " was changed after it was applied.")
                            .contains("-> checksum in " + schema + ".slipway_migrations: " + applied)
                            .containsPattern("-> checksum of the file now: +" + modified.checksum());
                });
    }

    private Slipway slipway(MigrationFiles files, String schema) {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }
}
