package dev.slipway.migrate.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresDurationTests {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "2s, PT2S",
        "10min, PT10M",
        "10m, PT10M",
        "1h, PT1H",
        "1d, PT24H",
        "750, PT0.75S",
        "0, PT0S",
        "'2 s', PT2S",
        "2S, PT2S"
    })
    void readsDurationsAsPostgresWritesThem(String text, Duration expected) {
        assertThat(PostgresDuration.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "-1s", "1.5s", "2 seconds", "10us", "s", "99999999999999999999ms"})
    void refusesOtherText(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresDuration.parse(text));
    }
}
