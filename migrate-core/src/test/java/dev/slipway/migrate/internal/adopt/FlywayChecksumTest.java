package dev.slipway.migrate.internal.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FlywayChecksum} against the checksums the real Flyway stores, for files whose bytes differ from what an editor
 * shows: line endings, byte order marks, the last line, characters beyond ASCII, a line longer than any buffer.
 */
@ExtendWith(PostgresExtension.class)
class FlywayChecksumTest {

    private static final String BOM = "\uFEFF";

    /** File name to content. */
    private static Map<String, byte[]> trickyFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("V1__lf.sql", utf8("CREATE TABLE lf (id int);\nCOMMENT ON TABLE lf IS 'plain';\n"));
        files.put("V2__crlf.sql", utf8("CREATE TABLE crlf (id int);\r\nCOMMENT ON TABLE crlf IS 'windows';\r\n"));
        files.put("V3__bom.sql", utf8(BOM + "CREATE TABLE bom (id int);\n"));
        files.put(
                "V4__bom_crlf_no_last_newline.sql",
                utf8(BOM + "CREATE TABLE bom_crlf (id int);\r\nCOMMENT ON TABLE bom_crlf IS 'x';"));
        files.put("V5__no_last_newline.sql", utf8("CREATE TABLE no_newline (id int);"));
        files.put(
                "V6__non_ascii.sql",
                utf8("-- Zoë, Ærøskøbing, 日本語, 🚀\n" + "CREATE TABLE non_ascii (name text DEFAULT 'Grüße – 🚀');\n"));
        files.put(
                "V7__empty_lines.sql", utf8("\n\n-- after empty lines\n\nCREATE TABLE empty_lines (id int);\n\n\n\n"));
        files.put(
                "V8__long_line.sql",
                utf8("CREATE TABLE long_line (note text DEFAULT '" + "x".repeat(100_000) + "');\n"));
        files.put("V9__lone_cr.sql", utf8("CREATE TABLE lone_cr (id int);\rCOMMENT ON TABLE lone_cr IS 'mac';\r"));
        files.put(
                "V10__mixed_endings.sql",
                utf8("CREATE TABLE mixed (id int);\r\nCOMMENT ON TABLE mixed IS 'a';\n"
                        + "COMMENT ON COLUMN mixed.id IS 'b';\r"));
        files.put(
                "V11__unicode_separators.sql",
                utf8("-- a line separator\u2028and a next line\u0085stay in the"
                        + " comment\nCREATE TABLE separators (id int);\n"));
        files.put("V12__trailing_blanks.sql", utf8("CREATE TABLE blanks (id int);   \n\t\n  "));
        files.put("V13__crlf_in_a_string.sql", utf8("CREATE TABLE multiline (note text DEFAULT 'one\r\ntwo');\n"));
        files.put("V14__comment_only.sql", utf8("-- nothing to do yet\n"));
        files.put("R__tricky_view.sql", utf8(BOM + "CREATE OR REPLACE VIEW tricky AS\r\nSELECT 'é' AS e;\r\n"));
        return files;
    }

    @Test
    void equalsTheChecksumFlywayStoresForTrickyFiles(TestDatabase db, @TempDir Path dir) throws IOException {
        Map<String, byte[]> files = trickyFiles();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(dir.resolve(file.getKey()), file.getValue());
        }
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("filesystem:" + dir.toAbsolutePath())
                .load()
                .migrate();

        List<String> stored = db.queryStrings(
                "SELECT script || ' ' || checksum FROM flyway_schema_history" + " ORDER BY installed_rank");
        assertThat(stored).hasSize(files.size());
        for (String row : stored) {
            String script = row.substring(0, row.indexOf(' '));
            int checksum = Integer.parseInt(row.substring(row.indexOf(' ') + 1));
            assertThat(FlywayChecksum.of(files.get(script)))
                    .as("Flyway's checksum of %s", script)
                    .isEqualTo(checksum);
        }

        Slipway slipway = Slipway.builder(db.dataSource())
                .config(SlipwayConfig.builder()
                        .locations("filesystem:" + dir.toAbsolutePath())
                        .build())
                .build();
        assertThat(slipway.migrate().appliedCount()).isZero();
        assertThat(slipway.status().migrations())
                .filteredOn(m -> !m.repeatable())
                .hasSize(files.size() - 1)
                .extracting(MigrationInfo::state)
                .containsOnly(MigrationState.BASELINE);
        assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations WHERE version = 'R'"))
                .isOne();
    }

    @Test
    void ignoresLineEndingsEmptyLinesAndALeadingBomButNoOtherByte() {
        int plain = FlywayChecksum.of(utf8("a\nb"));

        assertThat(FlywayChecksum.of(utf8("a\r\nb\r\n"))).isEqualTo(plain);
        assertThat(FlywayChecksum.of(utf8("a\rb\r"))).isEqualTo(plain);
        assertThat(FlywayChecksum.of(utf8("a\n\n\nb\n"))).isEqualTo(plain);
        assertThat(FlywayChecksum.of(utf8(BOM + "a\nb"))).isEqualTo(plain);

        assertThat(FlywayChecksum.of(utf8("a\n" + BOM + "b")))
                .as("a BOM after the first line")
                .isNotEqualTo(plain);
        assertThat(FlywayChecksum.of(utf8("b\na"))).as("lines swapped").isNotEqualTo(plain);
        assertThat(FlywayChecksum.of(utf8("a \nb"))).as("a trailing blank").isNotEqualTo(plain);
        assertThat(FlywayChecksum.of(utf8("a\u2028b")))
                .as("U+2028 ends no line")
                .isNotEqualTo(plain);
        assertThat(FlywayChecksum.of(new byte[0])).isZero();
        assertThat(FlywayChecksum.of(utf8("\n"))).isZero();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
