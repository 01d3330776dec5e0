package dev.slipway.migrate;

/**
 * The stable code of every error Slipway reports, as {@link SlipwayException#getError()} and the problem records
 * ({@link ValidationProblem#error()}, {@link AdoptionProblem#error()}) give it. Scripts and front ends may depend on
 * these names; the README's "Errors" section lists each with what to do.
 */
public enum SlipwayError {

    /** A statement of a migration failed: PostgreSQL refused it. */
    MIGRATION_FAILED,

    /** The connection to PostgreSQL broke while a migration ran. */
    CONNECTION_LOST,

    /** A statement kept meeting a conflicting lock until the retry budget was spent. */
    LOCK_RETRY_BUDGET_SPENT,

    /** A statement ran longer than {@code statement_timeout}. */
    STATEMENT_TIMEOUT,

    /** The live-data check stopped a migration before a statement that would fail or lose data. */
    DATA_LOSS,

    /** A statement of a down file failed during a rollback. */
    ROLLBACK_FAILED,

    /** Another session held the migration lock (or a backfill's lock) for longer than Slipway waits. */
    LOCK_WAIT_TIMEOUT,

    /** Slipway's connections go through a transaction pooler, where its session lock keeps nobody out. */
    TRANSACTION_POOLER,

    /** The history records a migration as applied more than once: the lock leaked, most likely through a pooler. */
    DUPLICATE_HISTORY,

    /** The schema holds objects but no migration history. */
    EXISTING_SCHEMA,

    /** Another tool's history (Flyway's, Prisma's) does not match the migration files. */
    ADOPTION_FAILED,

    /** The migration files and the history table disagree (one {@link ValidationProblem} each). */
    VALIDATION_FAILED,

    /** A migration was changed after it was applied (a validation or adoption problem). */
    MIGRATION_MODIFIED,

    /** An applied migration's file is gone (a validation or adoption problem). */
    MIGRATION_MISSING,

    /** A migration run outside a transaction stopped part-way; it must be resolved (a validation problem). */
    MIGRATION_INTERRUPTED,

    /** A contract migration applied by a newer version of the application that this one does not ship. */
    CONTRACT_FROM_NEWER_VERSION,

    /** Another tool's attempt at a migration failed or is unfinished (an adoption problem). */
    MIGRATION_NOT_FINISHED,

    /** A migration file is not where the other tool's history says it should be, or not in its order. */
    MIGRATION_OUT_OF_ORDER,

    /** Another tool's history cannot be read as such (an adoption problem). */
    HISTORY_NOT_READABLE,

    /** The linter found unsafe statements in the migrations to apply. */
    LINT_FAILED,

    /** A migration file or folder cannot be used as it is (name, encoding, directive, SQL text). */
    INVALID_MIGRATION,

    /** A configured migrations location does not exist. */
    LOCATION_NOT_FOUND,

    /** Migration files or locations could not be read. */
    READ_FAILED,

    /** The database is not PostgreSQL, or an older one than Slipway supports. */
    UNSUPPORTED_DATABASE,

    /** Slipway's Spring Boot starter runs on an older Spring Boot than it supports. */
    UNSUPPORTED_SPRING_BOOT,

    /** The schema to migrate does not exist, or the connection has none. */
    SCHEMA_NOT_FOUND,

    /** The database could not be read or changed (unreachable, or the login lacks a privilege). */
    DATABASE_ERROR,

    /** A migration cannot be resolved as asked. */
    RESOLVE_REFUSED,

    /** A rollback was refused before anything was rolled back. */
    ROLLBACK_REFUSED,

    /** The history table was changed while Slipway held the migration lock. */
    HISTORY_CHANGED,

    /**
     * A backfill operation (pause, resume, retry) that the backfill's state does not allow. Its message is not yet
     * split into description and action: the description holds all of it.
     */
    BACKFILL_STATE,

    /** A backfill operation named a backfill that has never run. */
    BACKFILL_NOT_FOUND,

    /** The thread was interrupted while Slipway waited. */
    INTERRUPTED,

    /** Any other error: the description says what happened. */
    OTHER
}
