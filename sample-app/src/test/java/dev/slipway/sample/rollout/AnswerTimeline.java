package dev.slipway.sample.rollout;

import java.util.Arrays;

/**
 * When the load's requests were answered as expected ({@link System#nanoTime()}), to find the longest time during
 * which no request got a good answer: how long the app, as its users saw it, stood still.
 */
public final class AnswerTimeline {

    private long[] nanos = new long[4096];
    private int size;

    /**
     * The longest time without a good answer within a window.
     *
     * @param fromNanos when it began (the last good answer before it, or the window's start)
     * @param toNanos when it ended (the next good answer, or the window's end)
     */
    public record Gap(long fromNanos, long toNanos) {

        /** Its length in milliseconds. */
        public double millis() {
            return (toNanos - fromNanos) / 1e6;
        }
    }

    /** Records a good answer now. */
    synchronized void answered(long atNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = atNanos;
    }

    /** How many good answers were recorded. */
    public synchronized int size() {
        return size;
    }

    /**
     * The longest time between {@code fromNanos} and {@code toNanos} without a good answer; its ends are good answers
     * or the window's ends.
     */
    public synchronized Gap longestGap(long fromNanos, long toNanos) {
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        long previous = fromNanos;
        Gap longest = new Gap(fromNanos, fromNanos);
        for (long at : sorted) {
            if (at < fromNanos) {
                continue;
            }
            long end = Math.min(at, toNanos);
            if (end - previous > longest.toNanos() - longest.fromNanos()) {
                longest = new Gap(previous, end);
            }
            if (at >= toNanos) {
                return longest;
            }
            previous = at;
        }
        return toNanos - previous > longest.toNanos() - longest.fromNanos() ? new Gap(previous, toNanos) : longest;
    }
}
