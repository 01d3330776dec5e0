package dev.slipway.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads a backfill's record every 20 ms on its own connection and thread, whoever runs the batches (this JVM or a
 * child that gets killed), and checks afterwards that the progress never went back:
 * <ol>
 *   <li>the pass never goes back: (sweeping, sweep_pass) only grows;</li>
 *   <li>within one pass the cursor only moves forward (a {@code NULL} cursor is the start of a pass);</li>
 *   <li>within the main pass {@code rows_processed} never decreases;</li>
 *   <li>{@code batches} and {@code rows_updated} never decrease.</li>
 * </ol>
 * Records of a {@code COMPLETED} backfill are left out of the first two checks: how it tidies up its cursor then is
 * its own business.
 */
final class ProgressSampler implements AutoCloseable {

    private final List<BackfillRecord> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Exception failure;

    ProgressSampler(TestDatabase db, String backfill) {
        thread = new Thread(
                () -> {
                    try (Connection connection = db.connect()) {
                        while (!stopped) {
                            BackfillRecord.read(connection, backfill).ifPresent(samples::add);
                            Thread.sleep(20);
                        }
                    } catch (SQLException | InterruptedException | RuntimeException e) {
                        failure = e;
                    }
                },
                "progress-sampler-" + backfill);
        thread.setDaemon(true);
        thread.start();
    }

    /** The newest sample, or {@code null} before the backfill is recorded. */
    BackfillRecord latest() {
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }

    List<BackfillRecord> samples() {
        return List.copyOf(samples);
    }

    /** Asserts the rules of the class Javadoc on every sample so far; {@code context} is added to a failure. */
    void assertProgressNeverWentBack(String context) {
        assertThat(failure).as("the sampler failed").isNull();
        List<BackfillRecord> all = samples();
        assertThat(all).as("samples of the backfill's record").isNotEmpty();
        List<String> violations = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            BackfillRecord before = all.get(i - 1);
            BackfillRecord after = all.get(i);
            if (after.batches() < before.batches()) {
                violations.add("batches decreased");
            }
            if (after.rowsUpdated() < before.rowsUpdated()) {
                violations.add("rows_updated decreased");
            }
            if (after.state().equals("COMPLETED")) {
                continue;
            }
            int passOrder = Boolean.compare(after.sweeping(), before.sweeping());
            if (passOrder == 0) {
                passOrder = Integer.compare(after.sweepPass(), before.sweepPass());
            }
            if (passOrder < 0) {
                violations.add("the pass went back");
            } else if (passOrder == 0) {
                if (after.cursorKey() < before.cursorKey()) {
                    violations.add("the cursor went back");
                }
                if (!after.sweeping() && after.rowsProcessed() < before.rowsProcessed()) {
                    violations.add("rows_processed decreased in the main pass");
                }
            }
            if (violations.size() > 0) {
                throw new AssertionError(context + ": " + violations + " between sample " + (i - 1) + " and " + i
                        + ":\n  " + before + "\n  " + after);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(5_000);
    }
}
