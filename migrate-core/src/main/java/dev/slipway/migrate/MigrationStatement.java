package dev.slipway.migrate;

/**
 * A statement of a migration (or of its {@code down.sql}, during a rollback) about to run, as
 * {@link SlipwayListener#statementStarted} reports it: enough to show which statement runs while it runs.
 *
 * @param migration the migration the statement belongs to, in its state before this run
 * @param file the file the statement is in, as a location: the migration's file, or its {@code down.sql} when
 *     {@code rollback} is true
 * @param number the 1-based number of the statement in its file
 * @param count how many statements the file has
 * @param line the line of the file on which the statement starts
 * @param summary the statement on one line, shortened, with its secrets (passwords, keys) hidden
 * @param transactional whether the file runs in one transaction (false: statement by statement, each committed)
 * @param rollback whether the statement is of a {@code down.sql} run by a rollback
 */
public record MigrationStatement(
        MigrationInfo migration,
        String file,
        int number,
        int count,
        int line,
        String summary,
        boolean transactional,
        boolean rollback) {}
