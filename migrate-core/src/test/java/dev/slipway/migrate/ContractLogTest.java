package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contract()} is called every few seconds: it logs what a migration waits for when that changes, not on
 * every call. The test reads the log as slf4j-simple writes it to {@code System.err}, which it copies (everything
 * still reaches the real stream).
 */
@ExtendWith(PostgresExtension.class)
class ContractLogTest {

    @Test
    void logsWhatAMigrationWaitsForOnlyWhenItChanges(TestDatabase db, @TempDir Path dir, @TempDir Path oldDir) {
        String schema = "contract_log_test";
        MigrationFiles files = new MigrationFiles(dir).add("1_create", "CREATE TABLE t (id int, a text);")
                .add("2_drop_a_for_the_log_test", "-- slipway:phase contract\n-- slipway:requires-backfill t_copy_a\n"
                        + "ALTER TABLE t DROP COLUMN a;");
        MigrationFiles oldFiles = new MigrationFiles(oldDir).add("1_create", "CREATE TABLE t (id int, a text);");
        Slipway slipway = Slipway.builder(db.dataSource()).config(files.config().schema(schema).build()).build();
        slipway.migrate();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        try {
            slipway.contract();
            slipway.contract();
            slipway.status();
            slipway.contract();
            Slipway.builder(db.dataSource()).config(oldFiles.config().schema(schema).build()).build().heartbeat();
            slipway.contract();
            slipway.contract();
        } finally {
            System.setErr(original);
        }

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("Contract migration 2_drop_a_for_the_log_test waits")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("INFO").endsWith("waits: backfill t_copy_a has not started");
        assertThat(lines.get(1)).contains("backfill t_copy_a has not started; instance ")
                .endsWith("its newest migration is 1");
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
