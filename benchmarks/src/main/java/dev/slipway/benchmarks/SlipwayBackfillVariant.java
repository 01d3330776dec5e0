package dev.slipway.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillConfig;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.backfill.BatchReport;
import dev.slipway.migrate.backfill.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Slipway's {@link Backfills#run} with its default settings except the pause between batches, which is zero: the
 * adaptive batch size alone decides how fast it goes. Every batch is recorded through a {@link BackfillListener}.
 * For investigations, the target batch time and the pause can be set from the command line.
 */
final class SlipwayBackfillVariant implements BackfillVariant {

    static final String NAME = "benchmark_users_display_name";

    private final Duration targetBatchTime;
    private final Duration pause;

    /**
     * @param targetBatchTime {@code null} for the default ({@link BackfillConfig#DEFAULT_TARGET_BATCH_TIME}), else the
     * target to try
     * @param pause the pause between batches: zero for the benchmark's goals
     */
    SlipwayBackfillVariant(Duration targetBatchTime, Duration pause) {
        this.targetBatchTime = targetBatchTime;
        this.pause = pause;
    }

    /** The variant as the options ask for it: the defaults, or the target and pause of an investigation. */
    static SlipwayBackfillVariant of(BackfillOptions options) {
        return new SlipwayBackfillVariant(
                options.slipwayTargetMillis() > 0 ? Duration.ofMillis(options.slipwayTargetMillis()) : null,
                Duration.ofMillis(options.slipwayPauseMillis()));
    }

    @Override
    public String key() {
        return "slipway";
    }

    @Override
    public String label() {
        String label = "Slipway Backfills.run";
        if (targetBatchTime == null && pause.isZero()) {
            return label;
        }
        return label + " (" + (targetBatchTime == null ? "" : "target " + targetBatchTime.toMillis() + " ms, ")
                + "pause " + pause.toMillis() + " ms)";
    }

    static Backfill backfill() {
        return Backfill.named(NAME)
                .table("users")
                .set(UsersTable.SET)
                .where(UsersTable.WHERE)
                .build();
    }

    BackfillConfig config() {
        BackfillConfig.Builder config = BackfillConfig.builder().pause(pause);
        if (targetBatchTime != null) {
            config.targetBatchTime(targetBatchTime);
        }
        return config.build();
    }

    /**
     * The settings this variant runs with, for the report: which differ from {@link BackfillConfig#defaults()}, and
     * the adaptive batch size they give, read from the configuration itself.
     */
    String settings() {
        BackfillConfig config = config();
        BackfillConfig defaults = BackfillConfig.defaults();
        List<String> changed = new ArrayList<>();
        if (!config.pause().equals(defaults.pause())) {
            changed.add("`pause(" + code(config.pause()) + ")`");
        }
        if (!config.targetBatchTime().equals(defaults.targetBatchTime())) {
            changed.add("`targetBatchTime(" + code(config.targetBatchTime()) + ")`");
        }
        return String.format(
                Locale.ROOT,
                "`Backfills.run` with the default `BackfillConfig`%s:%n  first batch %,d rows, "
                        + "adaptive size between %,d and %,d aiming at %d ms batches.",
                changed.isEmpty() ? "" : " except " + String.join(" and ", changed),
                config.batchSize(),
                config.minBatchSize(),
                config.maxBatchSize(),
                config.targetBatchTime().toMillis());
    }

    private static String code(Duration duration) {
        return duration.isZero() ? "Duration.ZERO" : "Duration.ofMillis(" + duration.toMillis() + ")";
    }

    @Override
    public Run run(BenchmarkServer server, String database) throws Exception {
        List<Batch> batches = new ArrayList<>();
        BackfillListener recorder = new BackfillListener() {
            @Override
            public void batchCompleted(BatchReport report) {
                batches.add(new Batch(
                        System.nanoTime(),
                        report.rowsScanned(),
                        report.rowsUpdated(),
                        report.duration().toNanos(),
                        report.lockHeld().toNanos(),
                        report.nextBatchSize()));
            }
        };
        try (HikariDataSource pool = server.pool(database)) {
            long start = System.nanoTime();
            Backfills backfills = Backfills.builder(pool)
                    .backfillConfig(config())
                    .listener(recorder)
                    .build();
            BackfillStatus status = backfills.run(backfill(), StopSignal.create());
            long end = System.nanoTime();
            if (status.state() != BackfillState.COMPLETED) {
                throw new IllegalStateException(
                        "Slipway's backfill ended " + status.state() + ": " + status.lastError());
            }
            return new Run(start, end, status.rowsUpdated(), List.copyOf(batches));
        }
    }
}
