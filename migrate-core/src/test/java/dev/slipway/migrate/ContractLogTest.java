package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * {@code contract()} is called every few seconds: it logs what a migration waits for when that changes, not on
 * every call. The test reads the log as slf4j-simple writes it to {@code System.err}, copied by
 * {@link StandardErrorCapture}.
 */
@ExtendWith(PostgresExtension.class)
class ContractLogTest {

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void logsWhatAMigrationWaitsForOnlyWhenItChanges(TestDatabase db, @TempDir Path dir, @TempDir Path oldDir)
            throws Exception {
        String schema = "contract_log_test";
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_create", "CREATE TABLE t (id int, a text);")
                .add(
                        "2_drop_a_for_the_log_test",
                        "-- slipway:phase contract\n-- slipway:requires-backfill t_copy_a\n"
                                + "ALTER TABLE t DROP COLUMN a;");
        MigrationFiles oldFiles = new MigrationFiles(oldDir).add("1_create", "CREATE TABLE t (id int, a text);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
        slipway.migrate();

        List<String> lines = StandardErrorCapture.linesWrittenBy(() -> {
                    slipway.contract();
                    slipway.contract();
                    slipway.status();
                    slipway.contract();
                    Slipway.builder(db.dataSource())
                            .config(oldFiles.config().schema(schema).build())
                            .build()
                            .heartbeat();
                    slipway.contract();
                    slipway.contract();
                })
                .stream()
                .filter(line -> line.contains("Contract migration 2_drop_a_for_the_log_test waits"))
                .toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("INFO").endsWith("waits: backfill t_copy_a has not started");
        assertThat(lines.get(1))
                .contains("backfill t_copy_a has not started; instance ")
                .endsWith("its newest migration is 1");
    }
}
