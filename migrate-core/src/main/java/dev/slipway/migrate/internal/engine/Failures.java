package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.MigrationFailedException;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.postgres.ServerError;
import dev.slipway.migrate.internal.postgres.SqlStates;
import dev.slipway.migrate.internal.sql.SqlStatement;
import java.sql.SQLException;
import java.time.Duration;

/** Builds the {@link MigrationFailedException}s of the runner, with where, what PostgreSQL said, and what to do. */
final class Failures {

    private Failures() {
    }

    /**
     * A statement failed.
     *
     * @param statement the statement, or null when the failure was outside one (commit, history)
     * @param appliedSteps for a non-transactional migration, how many statements are applied
     * @param lockRetries how many lock-timeout retries preceded this failure
     */
    static MigrationFailedException statementFailed(MigrationScript script, SqlStatement statement, SQLException e,
            int appliedSteps, int lockRetries, Duration retriedFor) {
        ServerError server = ServerError.from(e);
        int line = statement == null ? 0
                : server.position() > 0 ? statement.lineOf(server.position()) : statement.line();
        StringBuilder m = new StringBuilder();
        m.append("Migration ").append(script.id()).append(" failed");
        if (statement != null) {
            m.append(" at statement ").append(statement.number()).append(" (line ").append(line).append(')');
        }
        m.append(" of ").append(script.source()).append(":\n");
        m.append("ERROR: ").append(server.message());
        if (server.sqlState() != null) {
            m.append(" (SQLSTATE ").append(server.sqlState()).append(')');
        }
        m.append('\n');
        if (server.detail() != null) {
            m.append("-> detail: ").append(server.detail()).append('\n');
        }
        if (server.hint() != null) {
            m.append("-> hint: ").append(server.hint()).append('\n');
        }
        if (statement != null) {
            if (server.position() > 0) {
                m.append("-> position: character ").append(server.position()).append(" of the statement, line ")
                        .append(line).append(" of the file\n");
            }
            m.append("-> statement ").append(statement.number()).append(": ")
                    .append(MigrationPlanner.abbreviate(statement.sql())).append('\n');
        }
        if (SqlStates.isLockConflict(server.sqlState())) {
            m.append("-> gave up after ").append(lockRetries + 1).append(" attempts over ")
                    .append(retriedFor.toSeconds()).append(" s: another transaction kept a conflicting lock on what "
                            + "this statement changes.\n");
            m.append("Find it with SELECT pid, state, xact_start, query FROM pg_stat_activity WHERE xact_start < now() "
                    + "- interval '1 minute'; let it finish or end it, or raise slipway.ddl.retry-budget, then start "
                    + "again.");
        } else if (SqlStates.QUERY_CANCELED.equals(server.sqlState())) {
            m.append("The statement ran longer than statement_timeout. Raise it for this migration with "
                    + "'-- slipway:statement-timeout 30min' (or slipway.ddl.statement-timeout), then start again.");
        } else if (script.transactional()) {
            m.append("Nothing of this migration was applied (it runs in one transaction). Fix it and start again.");
        } else {
            m.append("This migration runs outside a transaction: ").append(appliedSteps).append(" of its ")
                    .append(script.statements().size()).append(" statements are applied. Fix the cause; the next "
                            + "run resumes at statement ").append(appliedSteps + 1).append('.');
        }
        return new MigrationFailedException(m.toString(), script.version().toString(), script.name(), script.source(),
                statement == null ? 0 : statement.number(), line, server.sqlState(), server.message(), server.detail(),
                server.hint(), server.position(), e);
    }
}
