package dev.slipway.migrate.internal.backfill;

import java.time.Duration;

/**
 * Steers the batch size towards a target batch duration: after a full batch that took {@code d}, the next size
 * is {@code size * target / d}, changed by at most a factor of two per batch (so one slow or fast batch does not
 * swing it) and kept within {@code [min, max]}. A statement timeout halves it.
 */
final class AdaptiveBatchSize {

    private final int min;
    private final int max;
    private final long targetNanos;
    private int size;

    AdaptiveBatchSize(int initial, int min, int max, Duration target) {
        this.min = min;
        this.max = max;
        this.targetNanos = target.toNanos();
        this.size = clamp(initial);
    }

    int size() {
        return size;
    }

    /**
     * Learns from a committed batch.
     * @param rows the rows of its key range
     * @param duration how long it took
     * @return the size of the next batch
     */
    int completed(int rows, Duration duration) {
        if (rows < size) {
            return size; // the tail of the table: says nothing about how long a full batch takes
        }
        double ratio = (double) targetNanos / Math.max(1, duration.toNanos());
        ratio = Math.max(0.5, Math.min(2.0, ratio));
        size = clamp((int) Math.round(Math.min((double) Integer.MAX_VALUE, size * ratio)));
        return size;
    }

    /** A batch hit {@code statement_timeout}: try again with half as many rows. */
    int halve() {
        size = clamp(size / 2);
        return size;
    }

    private int clamp(int value) {
        return Math.max(min, Math.min(max, value));
    }
}
