package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A NUL character in a migration, repeatable migration or down file is refused when the files are read, naming
 * file, line and column, before anything is applied or rolled back; the NUL itself never reaches the log.
 */
@ExtendWith(PostgresExtension.class)
class NulCharacterTest {

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    NulCharacterTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, TestInfo test) {
        files = new MigrationFiles(dir);
        schema = MigrationFiles.schemaFor("nul_", test);
    }

    private Slipway slipway() {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void aNulInTheThirdMigrationIsRefusedBeforeTheFirstIsApplied() throws Exception {
        files.add("1_users", "CREATE TABLE users (id int PRIMARY KEY, name text);")
                .add("2_ada", "INSERT INTO users VALUES (1, 'ada');")
                .add("3_more", "INSERT INTO users VALUES (2, 'grace');\nINSERT INTO users VALUES (3, 'li\0nus');");

        List<String> log = StandardErrorCapture.linesWrittenBy(() -> assertThatThrownBy(
                        () -> slipway().migrate())
                .isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
                    assertThat(e.getSource()).isEqualTo(files.location() + "/3_more/migration.sql");
                    assertThat(e.getLine()).isEqualTo(2);
                    assertThat(e.getMessage())
                            .contains(
                                    ":2: Column 33 holds a NUL character (U+0000, written \\0"
                                            + " here), inside a string literal",
                                    "bytea",
                                    "remove the NUL")
                            .doesNotContain("\0");
                }));

        assertThat(log).noneMatch(line -> line.indexOf('\0') >= 0);
        assertThat(tableExists("users")).isFalse();
        assertThat(historyRows()).isZero();

        files.add("3_more", "INSERT INTO users VALUES (2, 'grace');\nINSERT INTO users VALUES (3, 'linus');");
        assertThat(slipway().migrate().appliedCount()).isEqualTo(3);
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".users")).isEqualTo(3);
    }

    @Test
    void aNulInARepeatableMigrationIsRefusedBeforeAnyMigrationIsApplied() {
        files.add("1_users", "CREATE TABLE users (id int PRIMARY KEY, name text);")
                .addFile(
                        "R__views.sql",
                        "CREATE OR REPLACE VIEW user_names AS\n  SELECT name || '\0' AS name" + " FROM users;");

        assertThatThrownBy(() -> slipway().migrate()).isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
            assertThat(e.getSource()).isEqualTo(files.location() + "/R__views.sql");
            assertThat(e.getLine()).isEqualTo(2);
            assertThat(e.getMessage()).contains("Column 19 holds a NUL", "inside a string literal");
        });

        assertThat(tableExists("users")).isFalse();
        assertThat(historyRows()).isZero();
    }

    @Test
    void aNulInADownFileIsRefusedBeforeAnythingIsRolledBack() {
        files.add("1_users", "CREATE TABLE users (id int PRIMARY KEY);")
                .add("2_name", "ALTER TABLE users ADD COLUMN name text;")
                .addFile("2_name/down.sql", "ALTER TABLE users DROP COLUMN name;")
                .add("3_note", "ALTER TABLE users ADD COLUMN note text;")
                .addFile("3_note/down.sql", "-- undoes 3\0\nALTER TABLE users DROP COLUMN note;");
        Slipway slipway = slipway();
        slipway.migrate();

        assertThatThrownBy(() -> slipway.rollback("1")).isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
            assertThat(e.getSource()).isEqualTo(files.location() + "/3_note/down.sql");
            assertThat(e.getLine()).isEqualTo(1);
            assertThat(e.getMessage())
                    .contains("Column 12 holds a NUL", "inside a comment")
                    .doesNotContain("\0");
        });

        assertThat(columnExists("name")).isTrue();
        assertThat(columnExists("note")).isTrue();
        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::state)
                .containsOnly(MigrationState.APPLIED);
    }

    private long historyRows() {
        if (!tableExists("slipway_migrations")) {
            return 0;
        }
        return db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations");
    }

    private boolean tableExists(String table) {
        return db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' AND table_name = '" + table + "'")
                == 1;
    }

    private boolean columnExists(String column) {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'users' AND column_name = '" + column + "'")
                == 1;
    }
}
