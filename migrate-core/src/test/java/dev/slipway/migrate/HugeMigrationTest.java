package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration of 50 MB (one {@code INSERT ... VALUES} of a million rows) applied by a JVM with a 256 MB heap, the
 * case of a tester whose application died of {@link OutOfMemoryError} in the linter.
 */
@ExtendWith(PostgresExtension.class)
class HugeMigrationTest {

    /** Rows of the generated INSERT: each about 50 bytes, so the file is a little over 50 MB. */
    static final int ROWS = 1_050_000;

    @Test
    void aFiftyMegabyteInsertAppliesInAJvmWithA256MegabyteHeap(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationFiles files = new MigrationFiles(dir)
                .add(
                        "1_before",
                        "CREATE TABLE big (id int PRIMARY KEY, payload text NOT NULL);\n"
                                + "CREATE TABLE before_big (id int);")
                .add("3_after", "CREATE INDEX big_payload ON big (payload);\nCREATE TABLE after_big (id int);")
                .add("4_last", "INSERT INTO after_big VALUES (4);");
        Path huge = writeHugeInsert(dir.resolve("2_huge_insert").resolve("migration.sql"));
        assertThat(Files.size(huge)).isGreaterThan(50L * 1024 * 1024);

        Path out = dir.resolve("child.log");
        Process child = child(db, files.location(), out, "-Xmx256m");
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(out);
        System.out.println("Child migrating " + Files.size(huge) / (1024 * 1024) + " MB with -Xmx256m: "
                + output.lines()
                        .filter(l -> l.startsWith("peak heap"))
                        .findFirst()
                        .orElse("(no peak)"));

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("applied 4");
        assertThat(db.queryLong("SELECT count(*) FROM big")).isEqualTo(ROWS);
        assertThat(db.queryString("SELECT payload FROM big WHERE id = " + ROWS)).isEqualTo(payload(ROWS));
        assertThat(db.queryLong("SELECT count(*) FROM after_big")).isEqualTo(1);
        assertThat(db.queryStrings("SELECT version FROM slipway_migrations WHERE finished_at IS NOT NULL"
                        + " ORDER BY started_at"))
                .containsExactly("1", "2", "3", "4");
        assertThat(db.queryString("SELECT name FROM slipway_migrations WHERE version = '2'"))
                .isEqualTo("huge_insert");
    }

    @Test
    void aFileTooLargeForTheHeapIsRefusedByNameBeforeAnythingRuns(TestDatabase classDb, @TempDir Path dir)
            throws Exception {
        TestDatabase db = classDb.createAnother("too_large");
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_before", "CREATE TABLE big (id int PRIMARY KEY, payload text NOT NULL);")
                .add("3_after", "CREATE TABLE after_big (id int);");
        Path huge = writeHugeInsert(dir.resolve("2_huge_insert").resolve("migration.sql"));

        Path out = dir.resolve("child.log");
        Process child = child(db, files.location(), out, "-Xmx128m");
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(out);

        assertThat(child.exitValue()).as(output).isEqualTo(1);
        assertThat(output)
                .doesNotContain("OutOfMemoryError")
                .contains(
                        "InvalidMigrationException",
                        huge.toString(),
                        "The file is 5",
                        "MB, too large to apply",
                        "This JVM reads migration files of up to 32.0 MB (a quarter of its maximum heap, 128.0 MB)",
                        "Nothing was applied",
                        "Split it into several migrations",
                        "-Xmx2");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename IN ('big', 'after_big')"))
                .isZero();
    }

    @Test
    void aStatementOverOneMegabyteIsPartOfItsMigrationsTransaction(TestDatabase classDb, @TempDir Path dir) {
        TestDatabase db = classDb.createAnother("large_in_tx");
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_table", "CREATE TABLE big (id int PRIMARY KEY, payload text NOT NULL);")
                .add("2_rows_then_failure", insertOfMoreThanOneMegabyte() + ";\nSELECT 1 / 0;");
        Slipway slipway =
                Slipway.builder(db.dataSource()).config(files.config().build()).build();

        assertThatThrownBy(slipway::migrate)
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("statement 2 (line 2)")
                .hasMessageContaining("division by zero");

        assertThat(db.queryLong("SELECT count(*) FROM big")).isZero();
        files.add("2_rows_then_failure", insertOfMoreThanOneMegabyte() + ";\nSELECT 1;");
        assertThat(slipway.migrate().appliedCount()).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM big")).isEqualTo(LARGE_ROWS);
    }

    @Test
    void aStatementOverOneMegabyteRunsOutsideATransactionToo(TestDatabase classDb, @TempDir Path dir) {
        TestDatabase db = classDb.createAnother("large_no_tx");
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_table", "CREATE TABLE big (id int PRIMARY KEY, payload text NOT NULL);")
                .add(
                        "2_rows",
                        "-- slipway:transaction off\n" + insertOfMoreThanOneMegabyte()
                                + ";\nCREATE INDEX CONCURRENTLY big_payload ON big (payload);");

        Slipway.builder(db.dataSource()).config(files.config().build()).build().migrate();

        assertThat(db.queryLong("SELECT count(*) FROM big")).isEqualTo(LARGE_ROWS);
        assertThat(db.queryString("SELECT applied_steps || ' ' || (finished_at IS NOT NULL) FROM slipway_migrations"
                        + " WHERE version = '2'"))
                .isEqualTo("2 true");
    }

    private static final int LARGE_ROWS = 30_000;

    private static String insertOfMoreThanOneMegabyte() {
        StringBuilder sql = new StringBuilder("INSERT INTO big (id, payload) VALUES ");
        for (int i = 1; i <= LARGE_ROWS; i++) {
            sql.append(i == 1 ? "" : ", ")
                    .append('(')
                    .append(i)
                    .append(", '")
                    .append(payload(i))
                    .append("')");
        }
        assertThat(sql.length()).isGreaterThan(1 << 20);
        return sql.toString();
    }

    /** Writes one {@code INSERT INTO big VALUES (1, '...'), (2, '...'), ...;} of {@link #ROWS} rows. */
    static Path writeHugeInsert(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("-- one large INSERT, as a data import generated by a tool writes it\n");
            out.write("INSERT INTO big (id, payload) VALUES\n");
            for (int i = 1; i <= ROWS; i++) {
                out.write("(" + i + ", '" + payload(i) + "')");
                out.write(i == ROWS ? ";\n" : ",\n");
            }
        }
        return file;
    }

    static String payload(int i) {
        return "row " + i + " of the imported data set, text";
    }

    static Process child(TestDatabase db, String location, Path output, String... jvmOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                ChildMigrator.class.getName(),
                db.jdbcUrl(),
                db.username(),
                Objects.requireNonNullElse(db.password(), ""),
                location));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }
}
