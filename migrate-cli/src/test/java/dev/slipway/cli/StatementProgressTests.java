package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationStatement;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What {@link StatementProgress} prints on a terminal and in a log, with a fast clock (ticks of 100 ms). */
class StatementProgressTests {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Console console(boolean terminal) {
        return new Console(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal,
                false);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalRewritesTheLineWithTheTimeTheStatementHasRun() throws Exception {
        try (StatementProgress progress =
                new StatementProgress(console(true), Duration.ofMillis(100), Duration.ofMillis(300), 200)) {
            progress.started(statement(2, true, "SELECT pg_sleep(3)"));
            Thread.sleep(1_250);
            progress.stop();
            String shown = stderr();
            Thread.sleep(300);
            assertThat(stderr()).as("nothing after stop").isEqualTo(shown);
        }
        assertThat(stderr())
                .startsWith("\r\033[K20240102000000_slow: statement 2/3 (line 5), starting: SELECT pg_sleep(3)")
                .contains("\r\033[K20240102000000_slow: statement 2/3 (line 5), 1 s: SELECT pg_sleep(3)")
                .doesNotContain("\n");
    }

    @Test
    void onATerminalCutsTheLineToItsWidth() {
        try (StatementProgress progress =
                new StatementProgress(console(true), Duration.ofSeconds(5), Duration.ofSeconds(5), 40)) {
            progress.started(statement(2, true, "UPDATE users SET display_name = name WHERE display_name IS NULL"));
        }
        assertThat(stderr()).isEqualTo("\r\033[K20240102000000_slow: statement 2/3 (...");
    }

    @Test
    void inALogPrintsOnlySlowStatementsAndThoseOutsideATransaction() throws Exception {
        try (StatementProgress progress =
                new StatementProgress(console(false), Duration.ofMillis(100), Duration.ofMillis(300), 80)) {
            progress.started(statement(1, true, "CREATE TABLE quick (id int)"));
            progress.started(statement(2, false, "CREATE INDEX CONCURRENTLY i ON t (c)"));
            progress.started(statement(3, true, "SELECT pg_sleep(3)"));
            Thread.sleep(800);
            progress.stop();
        }
        assertThat(stderr().lines()).hasSize(2);
        assertThat(stderr().lines().toList().get(0))
                .isEqualTo("  20240102000000_slow: statement 2 of 3 (line 5), outside a transaction: "
                        + "CREATE INDEX CONCURRENTLY i ON t (c)");
        assertThat(stderr().lines().toList().get(1))
                .matches("  20240102000000_slow: statement 3 of 3 \\(line 5\\), running for 3\\d\\d ms: "
                        + "SELECT pg_sleep\\(3\\)");
    }

    private static MigrationStatement statement(int number, boolean transactional, String summary) {
        MigrationInfo migration = new MigrationInfo(
                "20240102000000",
                "slow",
                MigrationPhase.EXPAND,
                MigrationState.PENDING,
                null,
                null,
                "filesystem:db/20240102000000_slow/migration.sql",
                transactional,
                3,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        return new MigrationStatement(
                migration,
                "filesystem:db/20240102000000_slow/migration.sql",
                number,
                3,
                5,
                summary,
                transactional,
                false);
    }
}
