/**
 * Backfills: batched, throttled, resumable data changes that run in the background while old and new versions of
 * an application serve traffic, coordinated across a fleet. Declare a {@link dev.slipway.migrate.backfill.Backfill},
 * run it with {@link dev.slipway.migrate.backfill.Backfills}; progress lives in {@code slipway_backfills}.
 */
package dev.slipway.migrate.backfill;
