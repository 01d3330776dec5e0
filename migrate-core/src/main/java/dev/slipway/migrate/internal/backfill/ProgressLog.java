package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.backfill.BackfillStatus;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress line of a running backfill, at most once per interval: rows done, estimated total, fraction, rate
 * over this run and ETA, e.g. {@code Backfill users_display_name: 120,000 of ~200,000 rows (60.0%), 25,000 rows/s,
 * ETA 3s, batch 4,000 rows}.
 */
final class ProgressLog {

    private static final Logger log = LoggerFactory.getLogger(BackfillEngine.class);

    private final long intervalNanos;
    private long lastAt;

    ProgressLog(Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.lastAt = System.nanoTime();
    }

    boolean due() {
        return System.nanoTime() - lastAt >= intervalNanos;
    }

    void log(BackfillStatus status, boolean sweeping) {
        if (!due()) {
            return;
        }
        lastAt = System.nanoTime();
        if (log.isInfoEnabled()) {
            log.info(line(status, sweeping));
        }
    }

    static String line(BackfillStatus status, boolean sweeping) {
        StringBuilder line = new StringBuilder("Backfill ")
                .append(status.name())
                .append(": ")
                .append(String.format(Locale.ROOT, "%,d", status.rowsProcessed()));
        if (status.rowsEstimated() != null) {
            line.append(String.format(
                    Locale.ROOT, " of ~%,d rows (%.1f%%)", status.rowsEstimated(), status.progress() * 100));
        } else {
            line.append(" rows");
        }
        line.append(String.format(Locale.ROOT, ", %,.0f rows/s", status.rowsPerSecond()));
        if (sweeping) {
            line.append(", final sweep");
        } else if (status.eta() != null) {
            line.append(", ETA ").append(human(status.eta()));
        }
        line.append(String.format(
                Locale.ROOT, ", %,d rows updated, batch %,d rows", status.rowsUpdated(), status.batchSize()));
        return line.toString();
    }

    private static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 90) {
            return s + "s";
        }
        if (s < 90 * 60) {
            return (s / 60) + "m" + (s % 60 > 0 ? " " + (s % 60) + "s" : "");
        }
        return (s / 3600) + "h " + ((s % 3600) / 60) + "m";
    }
}
