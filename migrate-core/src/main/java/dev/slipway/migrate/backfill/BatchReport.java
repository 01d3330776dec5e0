package dev.slipway.migrate.backfill;

import java.time.Duration;

/**
 * One committed batch of a backfill, as {@link BackfillListener#batchCompleted} reports it.
 *
 * @param backfill the backfill's name
 * @param rowsScanned rows of the key range (matching {@code where} or not)
 * @param rowsUpdated rows changed
 * @param duration the batch from its first statement to its commit
 * @param lockHeld how long the batch held row locks: from the start of its first statement that changes rows
 *     (or locks them, for a Java backfill) to the end of its commit
 * @param nextBatchSize the size the adaptive sizing chose for the next batch
 * @param status the backfill after this batch
 */
public record BatchReport(
        String backfill,
        int rowsScanned,
        int rowsUpdated,
        Duration duration,
        Duration lockHeld,
        int nextBatchSize,
        BackfillStatus status) {}
