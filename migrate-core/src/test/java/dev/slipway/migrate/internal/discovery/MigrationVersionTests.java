package dev.slipway.migrate.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationVersionTests {

    @Test
    void ordersDottedVersionsNumericallyPartByPart() {
        List<MigrationVersion> versions = new ArrayList<>();
        for (String version : List.of("10", "2.1", "1.10", "2", "1.9", "1", "2.0.1")) {
            versions.add(MigrationVersion.parse(version));
        }
        Collections.sort(versions);

        assertThat(versions)
                .extracting(MigrationVersion::toString)
                .containsExactly("1", "1.9", "1.10", "2", "2.0.1", "2.1", "10");
    }

    @Test
    void ordersFolderTimestampsNumericallyNotAsText() {
        assertThat(MigrationVersion.parse("9")).isLessThan(MigrationVersion.parse("10"));
        assertThat(MigrationVersion.parse("20240101000000")).isLessThan(MigrationVersion.parse("20240101000001"));
    }

    @Test
    void comparesNumbersLongerThanALong() {
        assertThat(MigrationVersion.parse("99999999999999999999"))
                .isGreaterThan(MigrationVersion.parse("99999999999999999998"));
    }

    @Test
    void treatsTrailingZeroPartsAsTheSameVersion() {
        MigrationVersion one = MigrationVersion.parse("1");
        MigrationVersion oneZero = MigrationVersion.parse("1.0");

        assertThat(oneZero).isEqualTo(one).hasSameHashCodeAs(one);
        assertThat(oneZero.compareTo(one)).isZero();
        assertThat(MigrationVersion.parse("01")).isEqualTo(one);
        assertThat(MigrationVersion.parse("1.0.1")).isNotEqualTo(one);
    }

    @Test
    void readsUnderscoreAsDotAndShowsTheVersionWithDots() {
        MigrationVersion version = MigrationVersion.parse("1_1");

        assertThat(version).isEqualTo(MigrationVersion.parse("1.1"));
        assertThat(version).hasToString("1.1");
        assertThat(MigrationVersion.parse("20240101000000")).hasToString("20240101000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.", ".1", "1..2", "1a", "v1", "1-2", "1 2"})
    void refusesTextThatIsNotAVersion(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MigrationVersion.parse(text))
                .withMessageContaining("'" + text + "' is not a migration version");
    }
}
