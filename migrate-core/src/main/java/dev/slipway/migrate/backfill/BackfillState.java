package dev.slipway.migrate.backfill;

/** The lifecycle of a backfill, as kept in {@code slipway_backfills}. */
public enum BackfillState {

    /** Declared but no batch has run yet. */
    PENDING,
    /** Batches are running, or will again as soon as an instance takes it over. */
    RUNNING,
    /** Paused by an operator; no batch runs until it is resumed. */
    PAUSED,
    /** Every row was processed and the final sweep found nothing left that matches {@code where}. */
    COMPLETED,
    /** A batch failed with an error that retries did not cure; the error is kept until the backfill is retried. */
    FAILED
}
