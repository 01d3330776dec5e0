package dev.slipway.migrate.internal.discovery;

import static dev.slipway.migrate.internal.discovery.MigrationFiles.refusal;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.InvalidMigrationException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DownScriptReaderTests {

    private static final String MIGRATION = "classpath:db/migrations/20240101000000_test/migration.sql";
    private static final String DOWN = "classpath:db/migrations/20240101000000_test/down.sql";

    private static Optional<DownScript> read(String down) {
        byte[] bytes = down == null ? null : down.getBytes(UTF_8);
        return DownScriptReader.read(new MigrationFile(
                MigrationVersion.parse("20240101000000"),
                "test",
                MIGRATION,
                MIGRATION,
                () -> "SELECT 1;".getBytes(UTF_8),
                bytes == null ? Optional.empty() : Optional.of(new MigrationFile.DownFile(DOWN, bytes::clone))));
    }

    private static InvalidMigrationException refusalToRead(String down) {
        InvalidMigrationException refusal = refusal(() -> read(down));
        assertThat(refusal.getSource()).isEqualTo(DOWN);
        return refusal;
    }

    @Test
    void aMigrationWithoutDownFileHasNone() {
        assertThat(read(null)).isEmpty();
    }

    @Test
    void readsStatementsTimeoutsAndTransactionMode() {
        DownScript down = read("-- slipway:lock-timeout 2s\n-- slipway:statement-timeout 1min\n"
                        + "DROP TABLE a;\nDROP TABLE b;\n")
                .orElseThrow();

        assertThat(down.source()).isEqualTo(DOWN);
        assertThat(down.transactional()).isTrue();
        assertThat(down.lockTimeout()).contains(Duration.ofSeconds(2));
        assertThat(down.statementTimeout()).contains(Duration.ofMinutes(1));
        assertThat(down.statements()).extracting(s -> s.line()).containsExactly(3, 4);
    }

    @Test
    void runsOutsideATransactionWhenAStatementCannotRunInOne() {
        DownScript down = read("DROP INDEX CONCURRENTLY IF EXISTS a_idx;\n").orElseThrow();

        assertThat(down.transactionMode()).isEqualTo(TransactionMode.AUTO);
        assertThat(down.transactional()).isFalse();
    }

    @Test
    void refusesDirectivesThatMeanNothingForADownFile() {
        for (String directive : new String[] {
            "-- slipway:phase contract",
            "-- slipway:requires-backfill users_name",
            "-- slipway:allow data-loss it is development"
        }) {
            InvalidMigrationException refusal = refusalToRead("\n" + directive + "\nDROP TABLE a;\n");

            assertThat(refusal.getLine()).isEqualTo(2);
            assertThat(refusal.getMessage())
                    .contains("The directive " + directive + " does not apply to a down file")
                    .contains("down files take only -- slipway:transaction, -- slipway:lock-timeout and "
                            + "-- slipway:statement-timeout");
        }
    }

    @Test
    void refusesWhatAMigrationFileMayNotHoldEither() {
        assertThat(refusalToRead("-- slipway:transaction on\nDROP INDEX CONCURRENTLY a_idx;\n")
                        .getLine())
                .isEqualTo(2);
        assertThat(refusalToRead("DROP TABLE a;\nCOMMIT;\n").getLine()).isEqualTo(2);
        assertThat(refusalToRead("DROP TABLE a;\n\\connect other\n").getLine()).isEqualTo(2);
        assertThat(refusalToRead("-- slipway:sideways\nDROP TABLE a;\n").getMessage())
                .contains("Unknown directive");
        assertThat(refusalToRead("-- nothing to undo\n").getMessage())
                .contains("The down file of migration 20240101000000_test has no SQL statements");
    }

    @Test
    void refusesANulNamingTheDownFileLineAndColumn() {
        InvalidMigrationException refusal = refusalToRead("DROP TABLE a;\nDELETE FROM b WHERE v = 'x\0';\n");

        assertThat(refusal.getLine()).isEqualTo(2);
        assertThat(refusal.getMessage())
                .startsWith(DOWN + ":2: Column 27 holds a NUL character (U+0000")
                .contains("inside a string literal", "bytea")
                .doesNotContain("\0");
    }
}
