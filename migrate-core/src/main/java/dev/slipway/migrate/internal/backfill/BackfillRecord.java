package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.backfill.BackfillState;
import java.time.Instant;
import java.util.List;

/**
 * One row of {@code slipway_backfills}.
 *
 * @param cursor the key (as text, one value per key column) the cursor has passed in the current pass, null at
 *     the start of a pass
 * @param passRows rows processed in the current pass; a sweep pass that ends with none completes the backfill
 * @param runRows {@code rowsProcessed} when the current run started, for the rate
 */
record BackfillRecord(
        String name,
        String tableName,
        BackfillState state,
        boolean sweeping,
        int sweepPass,
        List<String> cursor,
        List<String> keyColumns,
        long rowsProcessed,
        long passRows,
        long rowsUpdated,
        Long rowsEstimated,
        int batchSize,
        long batches,
        String owner,
        Instant runStartedAt,
        long runRows,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        int attempts,
        String lastError) {}
