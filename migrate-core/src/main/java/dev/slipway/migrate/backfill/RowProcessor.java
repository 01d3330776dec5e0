package dev.slipway.migrate.backfill;

/**
 * Computes new values for one row of a Java backfill ({@link Backfill.Builder#process}). It reads the columns
 * the backfill {@linkplain Backfill.Builder#select selects} and {@linkplain BackfillRow#set sets} the columns to
 * write; Slipway writes them in the batch's transaction. It must not have side effects outside the database row:
 * a batch that fails is retried, so a row may be processed more than once.
 */
@FunctionalInterface
public interface RowProcessor {

    /**
     * Processes one row.
     * @param row the row's key and selected columns; set the new values on it
     * @throws Exception to fail the batch (it is rolled back; the backfill goes {@link BackfillState#FAILED})
     */
    void process(BackfillRow row) throws Exception;
}
