package dev.slipway.migrate;

/**
 * One reason why the migrations on disk and the history table do not agree.
 *
 * @param migration the migration concerned
 * @param message what is wrong, the facts side by side, and what to do
 */
public record ValidationProblem(MigrationInfo migration, String message) {
}
