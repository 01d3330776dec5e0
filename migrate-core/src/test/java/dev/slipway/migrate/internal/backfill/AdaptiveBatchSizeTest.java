package dev.slipway.migrate.internal.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveBatchSizeTest {

    private final AdaptiveBatchSize sizing = new AdaptiveBatchSize(1_000, 10, 50_000, Duration.ofMillis(100));

    @Test
    void scalesTheSizeByTargetOverDuration() {
        assertThat(sizing.completed(1_000, Duration.ofMillis(80))).isEqualTo(1_250);
        assertThat(sizing.completed(1_250, Duration.ofMillis(125))).isEqualTo(1_000);
    }

    @Test
    void changesByAtMostAFactorOfTwoPerBatch() {
        assertThat(sizing.completed(1_000, Duration.ofMillis(1))).isEqualTo(2_000);
        assertThat(sizing.completed(2_000, Duration.ofSeconds(30))).isEqualTo(1_000);
    }

    @Test
    void staysWithinItsBounds() {
        AdaptiveBatchSize small = new AdaptiveBatchSize(20, 10, 30, Duration.ofMillis(100));
        assertThat(small.completed(20, Duration.ofMillis(1))).isEqualTo(30);
        assertThat(small.completed(30, Duration.ofSeconds(5))).isEqualTo(15);
        assertThat(small.completed(15, Duration.ofSeconds(5))).isEqualTo(10);
        assertThat(new AdaptiveBatchSize(5, 10, 30, Duration.ofMillis(100)).size())
                .isEqualTo(10);
    }

    @Test
    void theTailOfATableDoesNotChangeTheSize() {
        assertThat(sizing.completed(3, Duration.ofMillis(1))).isEqualTo(1_000);
    }

    @Test
    void aStatementTimeoutHalvesTheSize() {
        assertThat(sizing.halve()).isEqualTo(500);
        AdaptiveBatchSize atMin = new AdaptiveBatchSize(10, 10, 30, Duration.ofMillis(100));
        assertThat(atMin.halve()).isEqualTo(10);
    }
}
