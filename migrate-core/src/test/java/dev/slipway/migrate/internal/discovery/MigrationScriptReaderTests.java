package dev.slipway.migrate.internal.discovery;

import static dev.slipway.migrate.internal.discovery.MigrationFiles.refusal;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.internal.sql.SqlStatement;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationScriptReaderTests {

    private static final String SOURCE = "classpath:db/migrations/20240101000000_test/migration.sql";

    private static MigrationScript read(String text) {
        return read(text.getBytes(UTF_8));
    }

    private static MigrationScript read(byte[] bytes) {
        return MigrationScriptReader.read(new MigrationFile(
                MigrationVersion.parse("20240101000000"), "test", SOURCE, SOURCE, bytes::clone, Optional.empty()));
    }

    private static InvalidMigrationException refusalToRead(String text) {
        InvalidMigrationException refusal = refusal(() -> read(text));
        assertThat(refusal.getSource()).isEqualTo(SOURCE);
        return refusal;
    }

    @Test
    void usesTheDefaultsWhenTheFileHasNoDirectives() {
        MigrationScript script = read("-- Adds the users table.\nCREATE TABLE users (id bigint);\n");

        assertThat(script.id()).isEqualTo("20240101000000_test");
        assertThat(script.phase()).isEqualTo(MigrationPhase.EXPAND);
        assertThat(script.transactionMode()).isEqualTo(TransactionMode.AUTO);
        assertThat(script.transactional()).isTrue();
        assertThat(script.requiredBackfills()).isEmpty();
        assertThat(script.lockTimeout()).isEmpty();
        assertThat(script.statementTimeout()).isEmpty();
        assertThat(script.allowances()).isEmpty();
        assertThat(script.statements()).containsExactly(new SqlStatement(1, "CREATE TABLE users (id bigint)", 2));
    }

    @Test
    void readsEveryDirectiveAtTheTop() {
        MigrationScript script = read("""
                -- Drops the old name column.
                -- slipway:phase contract
                -- slipway:transaction on

                -- slipway:requires-backfill users_display_name
                -- slipway:lock-timeout 2s
                /* the table is large */
                -- slipway:statement-timeout 10min
                -- slipway:allow data-loss name was copied to display_name
                ALTER TABLE users DROP COLUMN name;
                """);

        assertThat(script.phase()).isEqualTo(MigrationPhase.CONTRACT);
        assertThat(script.transactionMode()).isEqualTo(TransactionMode.ON);
        assertThat(script.transactional()).isTrue();
        assertThat(script.requiredBackfills()).containsExactly("users_display_name");
        assertThat(script.lockTimeout()).contains(Duration.ofSeconds(2));
        assertThat(script.statementTimeout()).contains(Duration.ofMinutes(10));
        assertThat(script.allowances())
                .containsExactly(new Allowance(List.of("data-loss"), "name was copied to display_name", 0, 9));
    }

    @Test
    void readsDirectiveValuesInAnyCase() {
        MigrationScript script = read("-- slipway:phase Contract\n-- slipway:transaction OFF\nDROP TABLE t;\n");

        assertThat(script.phase()).isEqualTo(MigrationPhase.CONTRACT);
        assertThat(script.transactionMode()).isEqualTo(TransactionMode.OFF);
        assertThat(script.transactional()).isFalse();
    }

    @Test
    void readsRequiredBackfillsSeparatedByCommasOrBlanksAndRepeated() {
        MigrationScript script = read("""
                -- slipway:phase contract
                -- slipway:requires-backfill users_display_name, users_slug
                -- slipway:requires-backfill orders_total orders_tax,users_slug
                ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;
                """);

        assertThat(script.requiredBackfills())
                .containsExactly("users_display_name", "users_slug", "orders_total", "orders_tax");
    }

    @Test
    void readsTimeoutsInPostgresUnits() {
        MigrationScript script = read("-- slipway:lock-timeout 500ms\n-- slipway:statement-timeout 1h\nSELECT 1;\n");

        assertThat(script.lockTimeout()).contains(Duration.ofMillis(500));
        assertThat(script.statementTimeout()).contains(Duration.ofHours(1));
    }

    @Test
    void appliesAnAllowRightBeforeAStatementToThatStatementOnly() {
        MigrationScript script = read("""
                CREATE TABLE audit (id bigint);
                -- an ordinary comment

                -- slipway:allow add-foreign-key, require-not-valid the table is new and empty
                -- slipway:allow data-loss
                ALTER TABLE audit ADD CONSTRAINT audit_user FOREIGN KEY (id) REFERENCES users (id);
                DROP TABLE legacy_audit;
                """);

        assertThat(script.allowances())
                .containsExactly(
                        new Allowance(
                                List.of("add-foreign-key", "require-not-valid"), "the table is new and empty", 2, 4),
                        new Allowance(List.of("data-loss"), "", 2, 5));
        assertThat(script.allows("data-loss", 2)).isTrue();
        assertThat(script.allows("data-loss", 3)).isFalse();
        assertThat(script.allows("require-not-valid", 2)).isTrue();
        assertThat(script.allows("ban-drop-table", 2)).isFalse();
    }

    @Test
    void appliesAnAllowAtTheTopToEveryStatement() {
        MigrationScript script = read("""
                -- slipway:phase contract
                -- slipway:allow data-loss both tables were archived
                DROP TABLE a;
                DROP TABLE b;
                """);

        assertThat(script.allowances()).singleElement().satisfies(allowance -> {
            assertThat(allowance.wholeFile()).isTrue();
            assertThat(allowance.line()).isEqualTo(2);
        });
        assertThat(script.allows("data-loss", 1)).isTrue();
        assertThat(script.allows("data-loss", 2)).isTrue();
    }

    @Test
    void readsNoDirectiveFromABlockCommentOrAnOrdinaryComment() {
        MigrationScript script = read("""
                /*
                -- slipway:phase contract
                */
                -- this is not a slipway:phase contract directive
                CREATE TABLE t (id bigint);
                """);

        assertThat(script.phase()).isEqualTo(MigrationPhase.EXPAND);
    }

    @Test
    void refusesAnUnknownDirectiveNamingItsLine() {
        InvalidMigrationException refusal = refusalToRead("-- slipway:phase expand\n-- slipway:xyz 1\nSELECT 1;\n");

        assertThat(refusal.getLine()).isEqualTo(2);
        assertThat(refusal.getMessage())
                .contains("Unknown directive -- slipway:xyz 1", "-- slipway:requires-backfill", "Fix the spelling");
    }

    @Test
    void refusesAPhaseThatIsNeitherExpandNorContract() {
        InvalidMigrationException refusal = refusalToRead("\n-- slipway:phase sideways\nSELECT 1;\n");

        assertThat(refusal.getLine()).isEqualTo(2);
        assertThat(refusal.getMessage()).contains("'sideways'", "-- slipway:phase expand or -- slipway:phase contract");
    }

    @Test
    void refusesATransactionModeThatIsNotKnown() {
        assertThat(refusalToRead("-- slipway:transaction maybe\nSELECT 1;\n").getMessage())
                .contains("'maybe'", "auto, on or off");
    }

    @Test
    void refusesALockTimeoutThatIsNotADuration() {
        InvalidMigrationException refusal = refusalToRead("-- slipway:lock-timeout soon\nSELECT 1;\n");

        assertThat(refusal.getLine()).isEqualTo(1);
        assertThat(refusal.getMessage()).contains("-- slipway:lock-timeout", "'soon'", "500ms, 2s, 10min");
    }

    @Test
    void refusesADirectiveWithoutValue() {
        assertThat(refusalToRead("-- slipway:statement-timeout\nSELECT 1;\n").getMessage())
                .contains("has no value");
        assertThat(refusalToRead("-- slipway:phase contract\n-- slipway:requires-backfill\nSELECT 1;\n")
                        .getLine())
                .isEqualTo(2);
        assertThat(refusalToRead("-- slipway:allow\nSELECT 1;\n").getMessage())
                .contains("-- slipway:allow <rule>[,<rule>] <reason>");
    }

    @Test
    void refusesADirectiveGivenTwice() {
        InvalidMigrationException refusal =
                refusalToRead("-- slipway:phase expand\n-- slipway:phase contract\nSELECT 1;\n");

        assertThat(refusal.getLine()).isEqualTo(2);
        assertThat(refusal.getMessage()).contains("given twice, on lines 1 and 2");
    }

    @Test
    void refusesRequiredBackfillsInAnExpandMigration() {
        InvalidMigrationException refusal =
                refusalToRead("-- slipway:requires-backfill users_display_name\nSELECT 1;\n");

        assertThat(refusal.getLine()).isEqualTo(1);
        assertThat(refusal.getMessage())
                .contains("Only a contract migration can wait for backfills", "-- slipway:phase contract");
    }

    @Test
    void refusesADirectiveOtherThanAllowAfterTheFirstStatement() {
        InvalidMigrationException refusal =
                refusalToRead("CREATE TABLE t (id bigint);\n\n-- slipway:phase contract\nDROP TABLE u;\n");

        assertThat(refusal.getLine()).isEqualTo(3);
        assertThat(refusal.getMessage()).contains("comes after statement 1", "top of the file");
    }

    @Test
    void refusesAnAllowThatIsNotOnTheLineRightBeforeAStatement() {
        InvalidMigrationException refusal =
                refusalToRead("CREATE TABLE t (id bigint);\n-- slipway:allow data-loss reason\n\nDROP TABLE u;\n");

        assertThat(refusal.getLine()).isEqualTo(2);
        assertThat(refusal.getMessage()).contains("not on the line right before a statement");
    }

    @Test
    void refusesAnAllowAfterTheLastStatement() {
        assertThat(refusalToRead("DROP TABLE u;\n-- slipway:allow data-loss reason\n")
                        .getLine())
                .isEqualTo(2);
    }

    @Test
    void refusesADirectiveThatSharesItsLineWithSql() {
        InvalidMigrationException refusal =
                refusalToRead("CREATE TABLE t (id bigint); -- slipway:allow data-loss reason\nDROP TABLE u;\n");

        assertThat(refusal.getLine()).isEqualTo(1);
        assertThat(refusal.getMessage()).contains("shares its line with SQL");
    }

    @Test
    void refusesADirectiveInsideAStatement() {
        InvalidMigrationException refusal = refusalToRead(
                "CREATE TABLE t (id bigint);\nALTER TABLE t\n  -- slipway:allow data-loss reason\n  DROP COLUMN x;\n");

        assertThat(refusal.getLine()).isEqualTo(3);
        assertThat(refusal.getMessage()).contains("inside statement 2", "Move it above the statement");
    }

    @Test
    void readsAFileWithOnlyCommentsAsAMigrationWithoutStatements() {
        MigrationScript script = read("-- This is an empty migration.");

        assertThat(script.statements()).isEmpty();
        assertThat(script.phase()).isEqualTo(MigrationPhase.EXPAND);
        assertThat(script.transactional()).isTrue();
        assertThat(read("/* later */\n;\n").statements()).isEmpty();
    }

    @Test
    void readsTheDirectivesOfAFileWithoutStatements() {
        MigrationScript script = read("""
                -- slipway:phase contract
                -- slipway:transaction off
                -- slipway:requires-backfill users_display_name
                -- Nothing to drop after all: the backfill was the change.
                """);

        assertThat(script.statements()).isEmpty();
        assertThat(script.phase()).isEqualTo(MigrationPhase.CONTRACT);
        assertThat(script.transactional()).isFalse();
        assertThat(script.requiredBackfills()).containsExactly("users_display_name");
    }

    @Test
    void readsAnEmptyFileAsAMigrationWithoutStatements() {
        assertThat(read("").statements()).isEmpty();
        assertThat(read(" \n\t\r\n").statements()).isEmpty();
        assertThat(read("\uFEFF").statements()).isEmpty();
    }

    @Test
    void stillRefusesAnUnknownDirectiveInAFileWithoutStatements() {
        InvalidMigrationException refusal =
                refusalToRead("-- This is an empty migration.\n-- slipway:phaze contract\n");

        assertThat(refusal.getLine()).isEqualTo(2);
        assertThat(refusal.getMessage()).contains("Unknown directive");
    }

    @Test
    void refusesAFileThatIsNotUtf8NamingTheLine() {
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.writeBytes("-- Café\r\n".getBytes(UTF_8));
        latin1.writeBytes("SELECT 1;\r\n".getBytes(UTF_8));
        latin1.writeBytes("INSERT INTO t VALUES ('caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1));

        InvalidMigrationException refusal = refusal(() -> read(latin1.toByteArray()));

        assertThat(refusal.getSource()).isEqualTo(SOURCE);
        assertThat(refusal.getLine()).isEqualTo(3);
        assertThat(refusal.getMessage()).contains("not valid UTF-8", "0xE9", "Save the file as UTF-8");
    }

    @Test
    void refusesANulInAStringLiteralNamingLineAndColumnWithoutWritingTheNul() {
        InvalidMigrationException refusal =
                refusalToRead("CREATE TABLE t (v text);\nINSERT INTO t VALUES ('ab\0c');\n");

        assertThat(refusal.getLine()).isEqualTo(2);
        assertThat(refusal.getMessage())
                .startsWith(SOURCE + ":2: Column 26 holds a NUL character (U+0000, written \\0"
                        + " here), inside a string literal.")
                .contains(
                        "PostgreSQL cannot take a NUL",
                        "refused before any of its statements runs",
                        "bytea",
                        "'\\x00'::bytea",
                        "decode('00', 'hex')",
                        "otherwise remove the NUL")
                .doesNotContain("\0", "first of");
    }

    @Test
    void refusesANulInACommentInsideAStatementBecauseTheCommentIsSentWithIt() {
        InvalidMigrationException refusal = refusalToRead("SELECT 1 /* note \0 */ + 1;\n");

        assertThat(refusal.getLine()).isEqualTo(1);
        assertThat(refusal.getMessage())
                .contains(
                        "Column 18 holds a NUL",
                        "inside a comment",
                        "sends the comments inside a statement to the server",
                        "Remove the NUL from the file")
                .doesNotContain("bytea", "\0");
    }

    @Test
    void refusesANulInACommentBetweenStatementsToo() {
        InvalidMigrationException refusal = refusalToRead("-- slipway:transaction on\n-- header\0\nSELECT 1;\n");

        assertThat(refusal.getLine()).isEqualTo(2);
        assertThat(refusal.getMessage()).contains("Column 10 holds a NUL", "inside a comment");
    }

    @Test
    void refusesANulInAQuotedIdentifierOrTheSqlItself() {
        assertThat(refusalToRead("CREATE TABLE \"a\0b\" (id int);\n").getMessage())
                .contains(":1: Column 16 holds a NUL", "inside a quoted identifier", "Remove the NUL");
        assertThat(refusalToRead("SELECT 1;\nSELECT\0 2;\n").getMessage())
                .contains(":2: Column 7 holds a NUL", "in the SQL itself", "Remove the NUL");
        assertThat(refusalToRead("SELECT $f$ a \0 $f$;\n").getMessage())
                .contains(":1: Column 14 holds a NUL", "inside a string literal");
    }

    @Test
    void countsTheColumnInCharactersAfterNormalisingLineEndingsAndSaysHowManyNulsThereAre() {
        InvalidMigrationException refusal = refusalToRead(
                "\uFEFF-- caf\u00e9\r\nSELECT 1;\r\nSELECT 'caf\u00e9 \u20ac \uD83D\uDE00\0', E'\0';\r\n");

        assertThat(refusal.getLine()).isEqualTo(3);
        assertThat(refusal.getMessage())
                .contains("Column 17 holds a NUL character (U+0000, written \\0 here)"
                        + " (the first of 2 in the file), inside a string literal.");
    }

    @Test
    void refusesANulInARepeatableMigration() {
        String source = "classpath:db/migrations/R__views.sql";
        byte[] bytes = "CREATE OR REPLACE VIEW v AS SELECT '\0' AS x;\n".getBytes(UTF_8);

        InvalidMigrationException refusal = refusal(() -> MigrationScriptReader.read(
                new MigrationFile(null, "views", source, source, bytes::clone, Optional.empty())));

        assertThat(refusal.getSource()).isEqualTo(source);
        assertThat(refusal.getLine()).isEqualTo(1);
        assertThat(refusal.getMessage()).contains("Column 37 holds a NUL", "inside a string literal");
    }

    @Test
    void refusesAUtf16File() {
        byte[] utf16 = "SELECT 1;\n".getBytes(StandardCharsets.UTF_16);

        InvalidMigrationException refusal = refusal(() -> read(utf16));

        assertThat(refusal.getLine()).isEqualTo(1);
        assertThat(refusal.getMessage()).contains("not valid UTF-8");
    }

    @Test
    void runsOutsideATransactionWhenAStatementCannotRunInOne() {
        MigrationScript script = read("""
                ALTER TABLE users ADD COLUMN email text;
                CREATE INDEX CONCURRENTLY users_email ON users (email);
                """);

        assertThat(script.transactionMode()).isEqualTo(TransactionMode.AUTO);
        assertThat(script.transactional()).isFalse();
    }

    @Test
    void refusesTransactionOnWithAStatementThatCannotRunInATransaction() {
        InvalidMigrationException refusal = refusalToRead("""
                -- slipway:transaction on
                ALTER TABLE users ADD COLUMN email text;
                CREATE INDEX CONCURRENTLY users_email ON users (email);
                """);

        assertThat(refusal.getLine()).isEqualTo(3);
        assertThat(refusal.getMessage())
                .contains(
                        "Statement 2 (CREATE INDEX CONCURRENTLY users_email ON users (email))",
                        "cannot run inside a transaction",
                        "Remove the directive",
                        "into a migration of its own");
    }

    @Test
    void refusesTransactionControlInATransactionalMigration() {
        InvalidMigrationException refusal = refusalToRead("""
                BEGIN;
                ALTER TABLE users ADD COLUMN email text;
                COMMIT;
                """);

        assertThat(refusal.getLine()).isEqualTo(1);
        assertThat(refusal.getMessage())
                .contains(
                        "Statement 1 (BEGIN)",
                        "Slipway wraps each migration in a transaction",
                        "Remove it",
                        "-- slipway:transaction off");
    }

    @Test
    void refusesTransactionControlInAMigrationThatRunsOutsideATransaction() {
        InvalidMigrationException refusal = refusalToRead("""
                -- a concurrent build wrapped by hand: passes psql's autocommit-off habit, fails at deploy
                BEGIN;
                CREATE INDEX CONCURRENTLY users_email ON users (email);
                COMMIT;
                """);

        assertThat(refusal.getLine()).isEqualTo(2);
        assertThat(refusal.getMessage())
                .contains(
                        "Statement 1 (BEGIN) controls the transaction",
                        "runs outside a transaction (statement 2 cannot run inside one)",
                        "Remove it");
    }

    @Test
    void refusesEveryKindOfTransactionControlUnderTransactionOff() {
        for (String control : new String[] {
            "COMMIT;",
            "END;",
            "ROLLBACK;",
            "START TRANSACTION;",
            "SAVEPOINT s;",
            "RELEASE SAVEPOINT s;",
            "ROLLBACK TO SAVEPOINT s;",
            "ABORT;"
        }) {
            InvalidMigrationException refusal = refusalToRead(
                    "-- slipway:transaction off\n" + "ALTER TABLE users ADD COLUMN email text;\n" + control + "\n");
            assertThat(refusal.getLine()).as(control).isEqualTo(3);
            assertThat(refusal.getMessage())
                    .as(control)
                    .contains(
                            "Statement 2 (" + control.replace(";", "") + ")",
                            "runs outside a transaction (-- slipway:transaction off)");
        }
    }

    @Test
    void takesTheChecksumOfTheTextWithoutBomAndWithLfLineEndings() {
        String lf = "CREATE TABLE users (id bigint);\n";

        assertThat(read(lf).checksum()).isEqualTo("33556a7babf4986eb7c0fe237a88d657b3581e29ab537b894725b38d827846a7");
        assertThat(read("CREATE TABLE users (id bigint);\r\n").checksum()).isEqualTo(read(lf).checksum());
        assertThat(read("CREATE TABLE users (id bigint);\r").checksum()).isEqualTo(read(lf).checksum());
        assertThat(read("\uFEFFCREATE TABLE users (id bigint);\r\n").checksum()).isEqualTo(read(lf).checksum());
        assertThat(read("CREATE TABLE users (id bigint );\n").checksum()).isNotEqualTo(read(lf).checksum());
    }

    @Test
    void keepsTheLinesOfTheFileWhateverItsLineEndings() {
        MigrationScript script = read("\uFEFF-- one\r\n\r\nCREATE TABLE a (id bigint);\r\rCREATE TABLE b (id bigint);");

        assertThat(script.statements()).extracting(SqlStatement::line).containsExactly(3, 5);
        assertThat(script.statements()).extracting(SqlStatement::sql).doesNotContain("\r");
    }

    @Test
    void passesOnTheSplittersRefusalWithFileAndLine() {
        InvalidMigrationException refusal = refusalToRead("CREATE TABLE t (id bigint);\n\\connect other\n");

        assertThat(refusal.getLine()).isEqualTo(2);
    }
}
