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

@ExtendWith(PostgresExtension.class)
class ValidationTest {

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    ValidationTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void applyTwoMigrations(@TempDir Path dir, TestInfo test) {
        schema = MigrationFiles.schemaFor("v_", test);
        files = new MigrationFiles(dir)
                .add("20240101000000_create_users", "CREATE TABLE users (id int);")
                .add("20240102000000_add_name", "ALTER TABLE users ADD COLUMN name text;");
        slipway(false).migrate();
    }

    private Slipway slipway(boolean ignoreMissing) {
        return Slipway.builder(db.dataSource())
                .config(files.config()
                        .schema(schema)
                        .ignoreMissing(ignoreMissing)
                        .build())
                .build();
    }

    @Test
    void aChangedAppliedFileIsModifiedAndNamesBothChecksums() {
        String applied = db.queryString(
                "SELECT checksum FROM " + schema + ".slipway_migrations WHERE version = '20240102000000'");
        files.add("20240102000000_add_name", "ALTER TABLE users ADD COLUMN name varchar(100);");
        files.add("20240103000000_more", "CREATE TABLE more (id int);");

        assertThat(slipway(false).status().migrations().get(1).state()).isEqualTo(MigrationState.MODIFIED);
        assertThatThrownBy(() -> slipway(false).migrate())
                .isInstanceOfSatisfying(MigrationValidationException.class, e -> {
                    String now = e.getProblems().get(0).migration().checksum();
                    assertThat(now).isNotEqualTo(applied).hasSize(64);
                    assertThat(e.getMessage())
                            .contains("Migration 20240102000000_add_name was changed after it was applied.")
                            .contains("-> checksum in " + schema + ".slipway_migrations: " + applied)
                            .contains("-> checksum of the file now:")
                            .contains(now)
                            .contains("Restore the file as it was applied, or write a new migration for the change.");
                });
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'more'"))
                .isZero();
    }

    @Test
    void lineEndingsAndAByteOrderMarkDoNotCountAsChanges() {
        files.add("20240102000000_add_name", "\uFEFFALTER TABLE users ADD COLUMN name text;".replace("\n", "\r\n"));

        assertThat(slipway(false).validate().isValid()).isTrue();
    }

    @Test
    void aRenamedAppliedMigrationIsMissing() {
        files.rename("20240102000000_add_name", "20240102000000_add_full_name");

        ValidationResult result = slipway(false).validate();

        assertThat(result.problems()).extracting(p -> p.migration().state()).contains(MigrationState.MISSING);
        assertThat(result.problems())
                .anySatisfy(p -> assertThat(p.message())
                        .contains("Migration 20240102000000_add_name was applied but its file is gone.")
                        .contains("ignoring missing migrations"));
    }

    @Test
    void aRemovedAppliedMigrationIsMissingUnlessIgnored() {
        files.remove("20240101000000_create_users");

        assertThatThrownBy(() -> slipway(false).migrate())
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("20240101000000_create_users was applied but its file is gone");
        assertThat(slipway(true).migrate().appliedCount()).isZero();
        assertThat(slipway(true).status().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.MISSING, MigrationState.APPLIED);
    }

    @Test
    void theNewestAppliedMigrationWithoutItsFileReadsAsOneFromTheFuture() {
        // Files cannot tell a deleted newest migration from one a newer version of the application applied.
        files.remove("20240102000000_add_name");

        assertThat(slipway(false).validate().isValid()).isTrue();
        assertThat(slipway(false).status().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.FUTURE);
    }

    @Test
    void aMalformedFileAnywhereInTheSetAppliesNothing() {
        files.add("20240103000000_fine", "CREATE TABLE fine (id int);")
                .add("20240104000000_meta", "CREATE TABLE x (id int);\n\\connect other\n");

        assertThatThrownBy(() -> slipway(false).migrate())
                .isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
                    assertThat(e.getSource()).endsWith("20240104000000_meta/migration.sql");
                    assertThat(e.getLine()).isEqualTo(2);
                });
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename IN ('fine', 'x')"))
                .isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations"))
                .isEqualTo(2);
    }
}
