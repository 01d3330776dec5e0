package dev.slipway.migrate.internal.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLogTest {

    private static BackfillStatus status(Long estimated, double progress, Duration eta) {
        return new BackfillStatus(
                "users_display_name",
                "public.users",
                BackfillState.RUNNING,
                120_000,
                119_000,
                estimated,
                progress,
                25_000.4,
                eta,
                4_000,
                false,
                "host/1",
                null,
                null,
                null,
                null);
    }

    @Test
    void saysRowsEstimateFractionRateEtaAndBatch() {
        assertThat(ProgressLog.line(status(200_000L, 0.6, Duration.ofSeconds(3)), false))
                .isEqualTo("Backfill users_display_name: 120,000 of ~200,000 rows (60.0%), 25,000 rows/s, ETA 3s,"
                        + " 119,000 rows updated, batch 4,000 rows");
    }

    @Test
    void longEtasReadInMinutesAndHours() {
        assertThat(ProgressLog.line(status(200_000L, 0.6, Duration.ofSeconds(600)), false))
                .contains("ETA 10m,");
        assertThat(ProgressLog.line(status(200_000L, 0.6, Duration.ofSeconds(7_380)), false))
                .contains("ETA 2h 3m,");
    }

    @Test
    void withoutEstimateOrDuringTheSweepThereIsNoEta() {
        assertThat(ProgressLog.line(status(null, 0, null), false))
                .startsWith("Backfill users_display_name: 120,000 rows, 25,000 rows/s, 119,000");
        assertThat(ProgressLog.line(status(200_000L, 0.99, Duration.ofSeconds(3)), true))
                .contains("final sweep")
                .doesNotContain("ETA");
    }
}
