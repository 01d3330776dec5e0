package dev.slipway.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.MigrationLintException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SlipwayLint#startAfter(String)}: the migrations up to the baseline are read for the schema but never
 * reported; the newer ones are linted as if every earlier migration were applied.
 */
class SlipwayLintStartAfterTest {

    @TempDir
    Path dir;

    private LintFixture history;

    /**
     * 1 creates the table; 2, written before Slipway, builds an index under a SHARE lock and widens status to
     * varchar(100); 3 shortens status to varchar(60), which rewrites the table only because 2 widened it.
     */
    @BeforeEach
    void writeHistory() {
        history = new LintFixture(dir)
                .add("CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(50), code int);")
                .add("CREATE INDEX orders_code_idx ON orders (code);\n"
                        + "ALTER TABLE orders ALTER COLUMN status TYPE varchar(100);")
                .add("ALTER TABLE orders ALTER COLUMN status TYPE varchar(60);");
    }

    private static String summary(LintReport report) {
        return String.join(
                ", ",
                report.findings().stream()
                        .map(f -> f.migration() + " " + f.rule())
                        .toList());
    }

    @Test
    void withoutABaselineEveryMigrationIsReported() {
        assertThat(summary(SlipwayLint.lint(history.location())))
                .isEqualTo("2_m2 require-concurrent-index-creation, 3_m3 changing-column-type");
    }

    @Test
    void leavesOutTheFindingsUpToTheBaselineButLearnsTheSchemaFromThem() {
        LintReport report = SlipwayLint.startAfter("2").lint(history.location());

        assertThat(summary(report))
                .as("3 shortens the varchar(100) that 2 made")
                .isEqualTo("3_m3 changing-column-type");
        assertThat(report.findings().get(0).message()).contains("a shorter length");
        assertThatThrownBy(() -> SlipwayLint.startAfter("2").assertSafe(history.location()))
                .isInstanceOf(MigrationLintException.class)
                .hasMessageContaining("3_m3/migration.sql:1");
    }

    @Test
    void aBaselineAtOrAboveTheNewestMigrationReportsNothing() {
        assertThat(SlipwayLint.startAfter("3").lint(history.location()).findings())
                .isEmpty();
        assertThatCode(() -> SlipwayLint.startAfter("3").assertSafe(history.location()))
                .doesNotThrowAnyException();
        assertThat(SlipwayLint.startAfter("3.0.1").lint(history.location()).findings())
                .isEmpty();
    }

    @Test
    void versionsCompareNumericallySoTheBaselineNeedNotBeAFile() {
        assertThat(summary(SlipwayLint.startAfter("2.5").lint(history.location())))
                .isEqualTo("3_m3 changing-column-type");
        assertThat(summary(SlipwayLint.startAfter("1.9").lint(history.location())))
                .isEqualTo("2_m2 require-concurrent-index-creation, 3_m3 changing-column-type");
        assertThat(SlipwayLint.startAfter(" 2_0 ").version()).isEqualTo("2.0");
    }

    @Test
    void refusesABaselineThatIsNotAVersion() {
        assertThatThrownBy(() -> SlipwayLint.startAfter("2_m2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'version' must be the version of a migration")
                .hasMessageContaining("'2_m2' is not one");
        assertThatThrownBy(() -> SlipwayLint.startAfter("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlipwayLint.startAfter(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("'version' must not be null");
    }
}
