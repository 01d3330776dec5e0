package dev.slipway.cli;

import dev.slipway.migrate.MigrationStatement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Shows the statement that {@code deploy} or {@code rollback} runs, while it runs.
 *
 * <ol>
 *   <li>On a terminal: one progress line, rewritten every second by a daemon thread with the time the statement has
 *       run so far ({@code 20240102000000_add_index: statement 2/3 (line 5), 14 s: CREATE INDEX CONCURRENTLY ...}),
 *       cut to the terminal's width so that it rewrites itself in place.</li>
 *   <li>Off a terminal (a CI log): one plain line for a statement that runs outside a transaction, when it starts
 *       (a {@code CREATE INDEX CONCURRENTLY} can take long, and a killed deploy resumes at it), and one for any other
 *       statement still running after {@link #SLOW}; nothing for the quick ones, so a deploy of many small
 *       migrations keeps its log short.</li>
 *   <li>A statement ends when the next event arrives ({@link #stop}): the next statement, a lock-timeout retry, the
 *       migration applied or failed, or the command's end.</li>
 * </ol>
 */
final class StatementProgress implements AutoCloseable {

    /** Off a terminal, a transactional statement gets a line once it has run this long. */
    static final Duration SLOW = Duration.ofSeconds(2);

    private static final Duration TICK = Duration.ofSeconds(1);

    /** The width a progress line is cut to when the terminal's is unknown ({@code COLUMNS} unset). */
    private static final int DEFAULT_WIDTH = 80;

    private final Console console;
    private final Duration tick;
    private final Duration slow;
    private final int width;
    private ScheduledExecutorService ticker;
    private ScheduledFuture<?> scheduled;
    private MigrationStatement current;
    private long startedAt;
    private boolean shown;

    StatementProgress(Console console, String columns) {
        this(console, TICK, SLOW, width(columns));
    }

    StatementProgress(Console console, Duration tick, Duration slow, int width) {
        this.console = console;
        this.tick = tick;
        this.slow = slow;
        this.width = width;
    }

    /** A statement starts: it replaces the one before, and is shown as the list above says. */
    synchronized void started(MigrationStatement statement) {
        stop();
        current = statement;
        startedAt = System.nanoTime();
        shown = false;
        if (console.terminal()) {
            show(Duration.ZERO);
            schedule(tick.toMillis(), tick.toMillis());
        } else if (!statement.transactional()) {
            console.progress(plain(statement, "outside a transaction"));
            shown = true;
        } else {
            schedule(slow.toMillis(), 0);
        }
    }

    /** The statement shown ended; the progress line stays until the next output replaces it. */
    synchronized void stop() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        current = null;
    }

    @Override
    public synchronized void close() {
        stop();
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private void schedule(long delayMillis, long periodMillis) {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "slipway-progress");
                thread.setDaemon(true);
                return thread;
            });
        }
        MigrationStatement statement = current;
        Runnable update = () -> tick(statement);
        scheduled = periodMillis > 0
                ? ticker.scheduleAtFixedRate(update, delayMillis, periodMillis, TimeUnit.MILLISECONDS)
                : ticker.schedule(update, delayMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void tick(MigrationStatement statement) {
        if (current != statement) {
            return; // it ended while this tick waited
        }
        Duration running = Duration.ofNanos(System.nanoTime() - startedAt);
        if (console.terminal()) {
            show(running);
        } else if (!shown) {
            console.progress(plain(statement, "running for " + Views.duration(running)));
            shown = true;
        }
    }

    private void show(Duration running) {
        MigrationStatement s = current;
        String line = (s.rollback() ? "Rolling back " : "") + s.migration().id() + ": statement " + s.number() + "/"
                + s.count() + " (line " + s.line() + ")" + (s.transactional() ? "" : " outside a transaction") + ", "
                + (running.isZero() ? "starting" : Views.duration(running)) + ": " + s.summary();
        console.progress(line.length() < width ? line : line.substring(0, Math.max(0, width - 4)) + "...");
    }

    /** The line for a log: which statement of which file, and why it is shown. */
    static String plain(MigrationStatement s, String why) {
        return (s.rollback() ? "  rolling back " : "  ") + s.migration().id() + ": statement " + s.number() + " of "
                + s.count() + " (line " + s.line() + (s.rollback() ? " of down.sql" : "") + "), " + why + ": "
                + s.summary();
    }

    private static int width(String columns) {
        try {
            int width = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.strip());
            return width >= 20 ? width : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }
}
