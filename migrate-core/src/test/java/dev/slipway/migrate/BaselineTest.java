package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

@PostgresTest
class BaselineTest {

    private final TestDatabase db;
    private String schema;
    private Slipway slipway;

    BaselineTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void files(@TempDir Path dir, TestInfo test) {
        schema = MigrationFiles.schemaFor("b_", test);
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_users", "CREATE TABLE users (id int);")
                .add("2_email", "ALTER TABLE users ADD COLUMN email text;")
                .add("3_posts", "CREATE TABLE posts (id int);");
        slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }

    @Test
    void recordsTheMigrationsUpToTheVersionWithoutRunningThemAndLeavesTheRestPending() {
        db.execute("CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".users (id int, email text)");

        assertThat(slipway.baseline("2")).extracting(MigrationInfo::version).containsExactly("1", "2");

        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.BASELINE, MigrationState.BASELINE, MigrationState.PENDING);
        assertThat(slipway.migrate().applied())
                .extracting(MigrationInfo::version)
                .containsExactly("3");
    }

    @Test
    void recordsABaselineOnAnEmptySchemaToo() {
        assertThat(slipway.baseline("1")).extracting(MigrationInfo::version).containsExactly("1");

        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' AND table_name = 'users'"))
                .isZero();
    }

    @Test
    void refusesASchemaWithAHistoryAndAVersionBelowEveryFile() {
        assertThatThrownBy(() -> slipway.baseline("0"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("no migration file has a version at or below it");
        slipway.migrate();

        assertThatThrownBy(() -> slipway.baseline("2"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("already has 3 rows");
        assertThatThrownBy(() -> slipway.baseline("next")).isInstanceOf(IllegalArgumentException.class);
    }
}
