package dev.slipway.cli;

import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code slipway backfill status --watch}: reads the backfills every second until each is COMPLETED, FAILED or
 * PAUSED, and shows their progress on stderr.
 *
 * <ol>
 *   <li>On a terminal: one line per backfill (state, progress, rows of the estimate, rate, ETA), rewritten in place
 *       at each read.</li>
 *   <li>Off a terminal (a CI log): a line for a backfill when it is first seen, when its state changes, when its
 *       progress moved by {@link #STEP} since its last line, and otherwise every {@link #QUIET} while it runs; so a
 *       backfill of hours writes a few dozen lines, not one a second.</li>
 *   <li>The rate is the one {@code slipway_backfills} records while an instance runs the backfill; when it has none
 *       (the runner's lock is not visible, or it just started), the rows processed between reads over the time
 *       between them. The ETA follows from the rate and the estimate.</li>
 * </ol>
 * The exit code says how it ended: 0 every backfill completed, 1 one failed, 2 one is paused (and none failed).
 */
final class BackfillWatch {

    /** Off a terminal, a backfill gets a line when its progress moved this much (10 %). */
    static final double STEP = 0.10;

    /** Off a terminal, a running backfill gets a line at least this often. */
    static final Duration QUIET = Duration.ofSeconds(10);

    private final Console console;
    private final Duration interval;
    private final Map<String, Seen> seen = new HashMap<>();
    private int shownLines;

    /** What was last read of a backfill and last printed for it. */
    private static final class Seen {
        long firstRows;
        long firstAt;
        long rows;
        long at;
        BackfillState printedState;
        double printedProgress = -1;
        long printedAt;
    }

    BackfillWatch(Console console, Duration interval) {
        this.console = console;
        this.interval = interval;
    }

    /** Reads until every backfill is settled, and returns what was last read. */
    List<BackfillStatus> watch(Supplier<List<BackfillStatus>> read) throws InterruptedException {
        while (true) {
            List<BackfillStatus> statuses = read.get();
            show(statuses, System.nanoTime());
            if (statuses.stream().allMatch(b -> settled(b.state()))) {
                console.clearProgress();
                return statuses;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** 1 when a backfill failed, 2 when one is paused, else 0. */
    static int exitCode(List<BackfillStatus> statuses) {
        if (statuses.stream().anyMatch(b -> b.state() == BackfillState.FAILED)) {
            return SlipwayCli.ERROR;
        }
        if (statuses.stream().anyMatch(b -> b.state() == BackfillState.PAUSED)) {
            return SlipwayCli.TO_DO;
        }
        return SlipwayCli.OK;
    }

    static boolean settled(BackfillState state) {
        return state == BackfillState.COMPLETED || state == BackfillState.FAILED || state == BackfillState.PAUSED;
    }

    private void show(List<BackfillStatus> statuses, long now) {
        StringBuilder block = new StringBuilder();
        for (BackfillStatus b : statuses) {
            Seen s = seen.computeIfAbsent(b.name(), n -> {
                Seen first = new Seen();
                first.firstRows = b.rowsProcessed();
                first.firstAt = now;
                return first;
            });
            s.rows = b.rowsProcessed();
            s.at = now;
            String line = line(b, rate(b, s));
            if (console.terminal()) {
                block.append(line).append('\n');
            } else if (mustPrint(b, s, now)) {
                console.progress(line);
                s.printedState = b.state();
                s.printedProgress = b.progress();
                s.printedAt = now;
            }
        }
        if (console.terminal()) {
            shownLines = console.block(block.toString(), shownLines);
        }
    }

    private static boolean mustPrint(BackfillStatus b, Seen s, long now) {
        return s.printedState != b.state()
                || Math.abs(b.progress() - s.printedProgress) >= STEP - 1e-9
                || (!settled(b.state()) && now - s.printedAt >= QUIET.toNanos());
    }

    /** Rows per second: the recorded rate, else the one seen between the first read and this one. */
    private static double rate(BackfillStatus b, Seen s) {
        if (b.rowsPerSecond() > 0) {
            return b.rowsPerSecond();
        }
        if (settled(b.state()) || s.at <= s.firstAt) {
            return 0;
        }
        return Math.max(0, s.rows - s.firstRows) / ((s.at - s.firstAt) / 1e9);
    }

    static String line(BackfillStatus b, double rate) {
        StringBuilder line = new StringBuilder(b.name())
                .append(": ")
                .append(b.state())
                .append(", ")
                .append(String.format(Locale.ROOT, "%.1f %%", b.progress() * 100))
                .append(", ")
                .append(b.rowsProcessed())
                .append(b.rowsEstimated() == null ? "" : " / " + b.rowsEstimated())
                .append(" rows");
        if (rate > 0) {
            line.append(", ").append(String.format(Locale.ROOT, "%.0f rows/s", rate));
            Duration eta = b.eta();
            if (eta == null && b.rowsEstimated() != null && !b.sweeping()) {
                eta = Duration.ofMillis((long) (Math.max(0, b.rowsEstimated() - b.rowsProcessed()) / rate * 1000));
            }
            if (eta != null) {
                line.append(", ETA ").append(Views.duration(eta));
            }
        }
        if (b.sweeping() && !settled(b.state())) {
            line.append(", final sweep");
        }
        return line.toString();
    }
}
