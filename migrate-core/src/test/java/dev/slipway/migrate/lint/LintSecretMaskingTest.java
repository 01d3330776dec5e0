package dev.slipway.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lint finding quotes the statement it is about, with the secrets in it masked. */
class LintSecretMaskingTest {

    @Test
    void aFindingQuotesTheStatementWithItsKeyMasked(@TempDir Path dir) {
        LintFinding finding = new LintFixture(dir)
                .add("CREATE TABLE cards (id bigint PRIMARY KEY);")
                .add(
                        "ALTER TABLE cards ADD COLUMN secret bytea DEFAULT pgp_sym_encrypt(random()::text, 'MigKey-9876');")
                .only();

        assertThat(finding.sql()).contains("pgp_sym_encrypt(random()::text, '***')");
        assertThat(finding.message()).doesNotContain("MigKey-9876");
        assertThat(finding.toString()).doesNotContain("MigKey-9876");
    }
}
