package dev.slipway.migrate.internal.backfill;

/** The backfill's definition does not fit the database (no such table, no primary key, unknown column). */
final class BackfillDefinitionException extends RuntimeException {

    BackfillDefinitionException(String message) {
        super(message);
    }
}
