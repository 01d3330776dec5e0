package dev.slipway.benchmarks;

import java.util.List;

/** One way of filling {@code users.display_name}, timed from its first statement to its last commit. */
interface BackfillVariant {

    /** The key on the command line, e.g. {@code slipway}. */
    String key();

    /** The name in the report. */
    String label();

    /**
     * Fills {@code display_name = name} in every row of {@code users} where it is NULL.
     * @param server the server
     * @param database the database that holds a fresh {@code users}
     * @return what it did, with the times on {@link System#nanoTime()}'s clock
     */
    Run run(BenchmarkServer server, String database) throws Exception;

    /**
     * One transaction that changed rows.
     *
     * @param endNanos when it committed, on {@link System#nanoTime()}'s clock
     * @param rowsScanned rows of its key range (Slipway) or that it looked at (the others)
     * @param rowsUpdated rows it changed
     * @param durationNanos the whole batch (for the client loop: its select, update and commit)
     * @param lockHeldNanos from the start of its first row-changing statement to the end of its commit
     * @param nextBatchSize the size chosen for the next batch (Slipway), else the fixed size
     */
    record Batch(
            long endNanos,
            int rowsScanned,
            long rowsUpdated,
            long durationNanos,
            long lockHeldNanos,
            int nextBatchSize) {}

    /**
     * A variant's run.
     *
     * @param startNanos when its work started, on {@link System#nanoTime()}'s clock
     * @param endNanos when its last commit ended
     * @param rowsUpdated rows changed in all
     * @param batches every transaction that changed rows, in order
     */
    record Run(long startNanos, long endNanos, long rowsUpdated, List<Batch> batches) {

        long elapsedNanos() {
            return endNanos - startNanos;
        }

        double rowsPerSecond() {
            return rowsUpdated / (elapsedNanos() / 1e9);
        }

        long maxLockHeldNanos() {
            return batches.stream().mapToLong(Batch::lockHeldNanos).max().orElse(0);
        }
    }
}
