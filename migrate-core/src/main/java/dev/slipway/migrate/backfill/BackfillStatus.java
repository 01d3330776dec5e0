package dev.slipway.migrate.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A backfill as {@code slipway_backfills} records it, with its progress. Counts and rates are the fleet's: any
 * instance reads the same figures, whichever instance runs the batches.
 *
 * @param name the backfill's name
 * @param table the table, as {@code schema.table}
 * @param state the state
 * @param rowsProcessed rows of the table the cursor has passed (those that matched {@code where} or not), plus
 *     the rows the final sweep found still matching {@code where}
 * @param rowsUpdated rows changed so far, in every pass and sweep
 * @param rowsEstimated the table's estimated row count, {@code null} while unknown
 * @param progress from 0 to 1: {@code rowsProcessed / rowsEstimated} while the cursor walks the table, 1 once
 *     {@link BackfillState#COMPLETED}
 * @param rowsPerSecond rows processed per second since the current run started, 0 when not running
 * @param eta the estimated time left, {@code null} when unknown (not running, or no estimate)
 * @param batchSize the batch size the adaptive sizing uses now
 * @param sweeping whether the cursor reached the end and the final sweep runs
 * @param owner the instance that runs the batches now, {@code null} when none does
 * @param startedAt when the first batch ran, {@code null} before
 * @param updatedAt when the last batch committed, {@code null} before
 * @param finishedAt when it completed, {@code null} until then
 * @param lastError the error that made it fail, or of the last retried batch; {@code null} when none
 */
public record BackfillStatus(
        String name,
        String table,
        BackfillState state,
        long rowsProcessed,
        long rowsUpdated,
        Long rowsEstimated,
        double progress,
        double rowsPerSecond,
        Duration eta,
        int batchSize,
        boolean sweeping,
        String owner,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        String lastError) {

    /** @return the estimated time left, empty when unknown */
    public Optional<Duration> etaIfKnown() {
        return Optional.ofNullable(eta);
    }
}
