package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The waits of {@link RestartBackoff} before a background task that died is restarted. */
class RestartBackoffTests {

    private final RestartBackoff backoff = RestartBackoff.defaults();

    @Test
    void theBaseDoublesFromOneSecondUpToOneMinute() {
        assertThat(backoff.base(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.base(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.base(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.base(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.base(7)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.base(1_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void eachWaitLiesBetweenHalfTheBaseAndTheBaseSoThatATaskThatDiesAtOnceCannotSpin() {
        for (int inARow = 1; inARow <= 10; inARow++) {
            Duration base = backoff.base(inARow);
            for (int i = 0; i < 100; i++) {
                assertThat(backoff.delay(inARow)).isBetween(base.dividedBy(2), base);
            }
        }
    }

    @Test
    void waitsAreJitteredSoThatAFleetDoesNotRestartInStep() {
        Set<Duration> waits = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            waits.add(backoff.delay(3));
        }
        assertThat(waits).as("20 draws of the third wait").hasSizeGreaterThan(10);
    }

    @Test
    void aRunThatLastedTheLongestWaitHadWorked() {
        assertThat(backoff.workedFor(Duration.ofSeconds(59))).isFalse();
        assertThat(backoff.workedFor(Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void refusesAMaximumBelowTheFirstWait() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .withMessage("'max' must not be shorter than 'first': PT1S < PT2S");
    }
}
