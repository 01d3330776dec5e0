package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link MigrationStatus#problems()}: what {@link Slipway#validate()} finds, read with the status in one pass. */
@ExtendWith(PostgresExtension.class)
class StatusProblemsTest {

    private final TestDatabase db;

    StatusProblemsTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void carriesTheProblemsValidateFindsAndNoneWhenValid(@TempDir Path dir, TestInfo test) {
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_a", "CREATE TABLE a (id int);")
                .add("2_b", "CREATE TABLE b (id int);")
                .add("3_c", "CREATE TABLE c (id int);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config()
                        .schema(MigrationFiles.schemaFor("sp_", test))
                        .build())
                .build();
        slipway.migrate();
        assertThat(slipway.status().problems()).isEmpty();

        files.add("1_a", "CREATE TABLE a (id bigint);").remove("2_b").add("4_d", "CREATE TABLE d (id int);");
        MigrationStatus status = slipway.status();

        assertThat(status.problems())
                .extracting(ValidationProblem::error)
                .containsExactly(SlipwayError.MIGRATION_MODIFIED, SlipwayError.MIGRATION_MISSING);
        assertThat(status.problems()).isEqualTo(slipway.validate().problems());
        assertThat(status.pending()).extracting(MigrationInfo::id).containsExactly("4_d");
    }
}
