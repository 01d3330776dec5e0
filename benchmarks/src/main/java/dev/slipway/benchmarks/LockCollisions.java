package dev.slipway.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Which updates of the load met a Slipway batch that held (or was taking) the row locks of their row's key range.
 *
 * <ol>
 *   <li>The table's ids run densely from 1, and the first pass walks them in order, so batch {@code i} of the first
 *       pass covers ids {@code (rows of batches before it, + its rows]}.</li>
 *   <li>A batch takes its locks from the start of its UPDATE to the end of its commit
 *       ({@code end - lockHeld .. end}).</li>
 *   <li>An update met a batch when its id lies in the batch's range and the time from sending it to its answer
 *       overlaps the batch's lock window.</li>
 * </ol>
 *
 * @param updates updates of the load in the window
 * @param met updates that met a batch
 * @param metService service times of those
 * @param otherService service times of the other updates
 */
record LockCollisions(int updates, int met, Latencies metService, Latencies otherService) {

    static LockCollisions of(BackfillVariant.Run run, ConcurrentLoad.Result during) {
        List<long[]> ranges = new ArrayList<>(); // lo (exclusive), hi, lockStart, end
        long covered = 0;
        for (BackfillVariant.Batch batch : run.batches()) {
            if (batch.rowsUpdated() == 0) {
                continue; // the sweep, or an empty range: no row locked
            }
            ranges.add(new long[] {
                covered, covered + batch.rowsScanned(), batch.endNanos() - batch.lockHeldNanos(), batch.endNanos()
            });
            covered += batch.rowsScanned();
        }
        List<Long> met = new ArrayList<>();
        List<Long> other = new ArrayList<>();
        for (ConcurrentLoad.Update update : during.updates()) {
            long service = update.doneNanos() - update.sentNanos();
            long[] range = find(ranges, update.id());
            boolean overlaps = range != null && update.sentNanos() - range[3] < 0 && range[2] - update.doneNanos() < 0;
            (overlaps ? met : other).add(service);
        }
        return new LockCollisions(during.updates().size(), met.size(), latencies(met), latencies(other));
    }

    private static long[] find(List<long[]> ranges, long id) {
        int low = 0, high = ranges.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long[] range = ranges.get(middle);
            if (id <= range[0]) {
                high = middle - 1;
            } else if (id > range[1]) {
                low = middle + 1;
            } else {
                return range;
            }
        }
        return null;
    }

    private static Latencies latencies(List<Long> nanos) {
        return new Latencies(nanos.stream().mapToLong(Long::longValue).toArray());
    }
}
