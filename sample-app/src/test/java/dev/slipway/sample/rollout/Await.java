package dev.slipway.sample.rollout;

import java.time.Duration;

/** Polls a condition until it holds: the rollout's gates ("the backfill is COMPLETED") never sleep a fixed time. */
public final class Await {

    /** A condition that may throw while it cannot tell yet (an instance that does not answer). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Describes the last thing seen, for the failure message. */
    @FunctionalInterface
    public interface Observation {
        String describe() throws Exception;
    }

    private Await() {}

    /**
     * Polls every 200 ms until the condition holds.
     * @param what what is awaited, e.g. {@code backfill users_display_name COMPLETED}
     * @param timeout the bound, after which it fails
     * @param seen what was seen last, shown when it fails
     * @throws AssertionError after {@code timeout}, naming what was awaited and what was seen last
     */
    public static void until(String what, Duration timeout, Condition condition, Observation seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastError = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
                lastError = null;
            } catch (InterruptedException ex) {
                throw ex;
            } catch (Exception ex) {
                lastError = ex;
            }
            if (System.nanoTime() > deadline) {
                String last;
                try {
                    last = seen.describe();
                } catch (Exception ex) {
                    last = "(could not read: " + ex + ")";
                }
                throw new AssertionError("Waited " + timeout + " for " + what + "; last seen: " + last
                        + (lastError == null ? "" : "; last error: " + lastError));
            }
            Thread.sleep(200);
        }
    }
}
