package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.MigrationFailedException;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.internal.discovery.DownScript;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.postgres.ServerError;
import dev.slipway.migrate.internal.postgres.SqlStates;
import dev.slipway.migrate.internal.sql.SecretMasker;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.SqlStatements;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the {@link MigrationFailedException}s of the runner, with where, what PostgreSQL said, and what to do. */
final class Failures {

    private Failures() {}

    /**
     * A statement failed: the connection was lost ({@link #connectionLost}), the lock-conflict retries used up their
     * budget, the statement timed out, or PostgreSQL refused it.
     *
     * @param statement the statement, or null when the failure was outside one (commit, history)
     * @param appliedSteps for a non-transactional migration, how many statements are applied
     * @param retries the lock conflicts of this statement (of the whole transaction, when transactional)
     */
    static MigrationFailedException statementFailed(
            MigrationScript script, SqlStatement statement, SQLException e, int appliedSteps, LockRetries retries) {
        if (ServerError.isConnectionLost(e)) {
            return connectionLost(script, statement, e, appliedSteps);
        }
        SecretMasker.Secrets secrets = SecretMasker.secretsOf(statement == null ? null : statement.sql());
        ServerError server = masked(ServerError.from(e), secrets);
        e = masked(e, secrets);
        int line =
                statement == null ? 0 : server.position() > 0 ? statement.lineOf(server.position()) : statement.line();
        Advice a = new Advice();
        StringBuilder m = a.description;
        m.append("Migration ").append(script.id()).append(" failed");
        if (statement != null) {
            m.append(" at statement ")
                    .append(statement.number())
                    .append(" (line ")
                    .append(line)
                    .append(')');
        }
        m.append(" of ").append(script.source()).append(":\n");
        appendServerError(m, server, statement, line);
        if (SqlStates.isLockConflict(server.sqlState()) && statement != null) {
            appendRetryBudgetSpent(m, a, script, statement, appliedSteps, retries);
        } else if (!appendTimeoutAdvice(m, a, server, retries.count, retries.elapsed(), "start again", "migration")) {
            m = a.text;
            if (script.transactional()) {
                m.append("Nothing of this migration was applied (it runs in one transaction). Fix it and start again.");
            } else if (script.repeatable()) {
                m.append("This repeatable migration runs outside a transaction: ")
                        .append(appliedSteps)
                        .append(" of its ")
                        .append(script.statements().size())
                        .append(" statements are applied. Fix"
                                + " the cause; the next run applies it again from its first statement, so keep its"
                                + " statements safe to run twice (CREATE OR REPLACE, IF NOT EXISTS).");
            } else {
                m.append("This migration runs outside a transaction: ")
                        .append(appliedSteps)
                        .append(" of its ")
                        .append(script.statements().size())
                        .append(" statements are applied. Fix the cause; the next " + "run resumes at statement ")
                        .append(appliedSteps + 1)
                        .append('.');
            }
        }
        SlipwayError error = SqlStates.isLockConflict(server.sqlState())
                ? SlipwayError.LOCK_RETRY_BUDGET_SPENT
                : SqlStates.QUERY_CANCELED.equals(server.sqlState())
                        ? SlipwayError.STATEMENT_TIMEOUT
                        : SlipwayError.MIGRATION_FAILED;
        return new MigrationFailedException(
                error,
                a.description.toString().stripTrailing(),
                a.action(),
                versionOf(script),
                script.name(),
                script.source(),
                statement == null ? 0 : statement.number(),
                line,
                statement == null ? null : MigrationPlanner.abbreviate(statement.sql()),
                server.sqlState(),
                server.message(),
                server.detail(),
                server.hint(),
                server.position(),
                a.retries,
                a.applied,
                e);
    }

    /**
     * The connection broke while the migration ran: the server stopped or crashed, an administrator ended the
     * session, or the network failed (a read that outlived the session's network timeout). Never worded as something
     * PostgreSQL said about the statement: the exception carries no server message, only the driver's SQLSTATE.
     * Says what is applied and what the next start does; the attempt could not be recorded on the lost connection,
     * so the next start finds it unfinished and decides as for a crash ({@link Resumption}).
     *
     * @param statement the statement, or null when the connection was lost outside one (commit, history)
     * @param appliedSteps for a non-transactional migration, how many statements are applied
     */
    static MigrationFailedException connectionLost(
            MigrationScript script, SqlStatement statement, SQLException e, int appliedSteps) {
        e = masked(e, SecretMasker.secretsOf(statement == null ? null : statement.sql()));
        StringBuilder m = new StringBuilder("Lost the connection to PostgreSQL while ");
        String applied;
        if (statement != null) {
            m.append("running migration ")
                    .append(script.id())
                    .append(" statement ")
                    .append(statement.number())
                    .append(" (line ")
                    .append(statement.line())
                    .append(')');
        } else {
            m.append("finishing migration ").append(script.id()).append(" (its commit or its history row)");
        }
        m.append(" of ")
                .append(script.source())
                .append(": ")
                .append(ServerError.connectionLossReason(e))
                .append('\n');
        if (statement != null) {
            m.append("-> statement ")
                    .append(statement.number())
                    .append(": ")
                    .append(MigrationPlanner.abbreviate(statement.sql()))
                    .append('\n');
        }
        String next;
        if (script.transactional()) {
            applied = statement != null
                    ? "nothing of this migration: it runs in one transaction,"
                            + " which PostgreSQL rolls back when the session ends"
                    : "all of this migration or nothing: it "
                            + "commits in one transaction together with its history row";
            m.append("-> applied: ").append(applied).append('\n');
            next = "the next start reads the history and runs the migration again unless it is recorded as applied";
        } else {
            applied = appliedStatements(script, appliedSteps) + " of "
                    + script.statements().size()
                    + ", and they stay applied (it runs outside a transaction)"
                    + (statement == null
                            ? ""
                            : "; whether statement " + statement.number() + " took effect is not known");
            m.append("-> applied: ").append(applied).append('\n');
            next = statement == null
                    ? "the next start reads the history and continues after the last statement " + "recorded as applied"
                    : nextStartAfterInterruption(script, statement);
        }
        String action = "The server may have stopped or the network failed; " + next
                + ". Check that PostgreSQL is running and reachable from this host, then start again.";
        return new MigrationFailedException(
                SlipwayError.CONNECTION_LOST,
                m.toString().stripTrailing(),
                Action.text(action),
                versionOf(script),
                script.name(),
                script.source(),
                statement == null ? 0 : statement.number(),
                statement == null ? 0 : statement.line(),
                statement == null ? null : MigrationPlanner.abbreviate(statement.sql()),
                e.getSQLState(),
                null,
                null,
                null,
                0,
                null,
                applied,
                e);
    }

    /** What the next start does with a non-transactional migration interrupted in {@code statement}. */
    private static String nextStartAfterInterruption(MigrationScript script, SqlStatement statement) {
        if (script.repeatable()) {
            return "the next start runs this repeatable migration again from its first statement";
        }
        String at = "statement " + statement.number() + " (line " + statement.line() + ")";
        if (Resumption.isUnnamedIndexBuild(statement)) {
            return "the next start looks for the INVALID index that the build may have left on "
                    + SqlStatements.concurrentIndexTable(statement.sql()).orElseThrow() + ": it resumes at " + at
                    + " when it can tell that index apart from others (or finds none), and otherwise stops and names "
                    + "the INVALID indexes with the SQL to drop them";
        }
        if (Resumption.safeToRerun(statement)) {
            return "the next start resumes at " + at + ", which is safe to run again";
        }
        return "the next start stops at " + at + " until you check whether it took effect and resolve the migration";
    }

    /** {@code none of its statements}, {@code statement 1 (line 2)}, {@code statements 1-3 (lines 2-9)}. */
    static String appliedStatements(MigrationScript script, int applied) {
        if (applied <= 0) {
            return "none of its statements";
        }
        List<SqlStatement> statements = script.statements();
        if (applied == 1) {
            return "statement 1 (line " + statements.get(0).line() + ")";
        }
        return "statements 1-" + applied + " (lines " + statements.get(0).line() + "-"
                + statements.get(applied - 1).line() + ")";
    }

    /**
     * The lock-conflict retries of a migration's statement used up the budget: how many attempts over how long,
     * which statement kept waiting and on which table when the statement names it, what of the migration is applied,
     * where to find the blocker, and what the next start does.
     */
    private static void appendRetryBudgetSpent(
            StringBuilder m,
            Advice a,
            MigrationScript script,
            SqlStatement statement,
            int appliedSteps,
            LockRetries retries) {
        a.retries = retries.count + (retries.count == 1 ? " attempt" : " attempts") + " over "
                + seconds(retries.total()) + ": statement " + statement.number() + " (line " + statement.line()
                + ") kept waiting for a lock"
                + lockedTable(statement.sql())
                        .map(table -> " on table " + table)
                        .orElse("") + " that another transaction held";
        m.append("-> gave up after ").append(a.retries).append('\n');
        String next;
        if (script.transactional()) {
            a.applied = "nothing of this migration (it runs in one transaction, rolled back after each attempt)";
            m.append("-> applied: ").append(a.applied).append('\n');
            next = "the next start runs it from its first statement";
        } else if (script.repeatable()) {
            a.applied = appliedStatements(script, appliedSteps) + " of "
                    + script.statements().size() + " (it runs outside a transaction)";
            m.append("-> applied: ").append(a.applied).append('\n');
            next = "the next start runs this repeatable migration again from its first statement";
        } else {
            a.applied = appliedStatements(script, appliedSteps) + " of "
                    + script.statements().size()
                    + (appliedSteps > 0 ? ", and they stay applied" : "") + " (it runs outside a transaction); "
                    + "statement " + statement.number() + " and those after it are not";
            m.append("-> applied: ").append(a.applied).append('\n');
            next = "the next start resumes at statement " + statement.number() + " (line " + statement.line() + ")";
        }
        a.text.append("Find the transaction that held the lock among the sessions that hold a table lock in a "
                        + "transaction open at least as long as the retries ran: ")
                .append(blockerQuery(retries.elapsed()))
                .append(" Let it finish or end it, or raise ")
                .append(a.setting(Setting.DDL_RETRY_BUDGET))
                .append(", then start again: ")
                .append(next)
                .append('.');
    }

    /** {@code 16.2 s}. */
    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static final Pattern LOCKED_TABLE = Pattern.compile("(?is)^\\s*(?:ALTER\\s+TABLE(?:\\s+IF\\s+EXISTS)?"
            + "(?:\\s+ONLY)?|LOCK(?:\\s+TABLE)?(?:\\s+ONLY)?|DROP\\s+TABLE(?:\\s+IF\\s+EXISTS)?|TRUNCATE"
            + "(?:\\s+TABLE)?(?:\\s+ONLY)?|CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT"
            + "\\s+EXISTS\\s+)?(?:(?:\"[^\"]+\"|[\\w$]+)\\s+)?ON(?:\\s+ONLY)?)\\s+((?:\"[^\"]+\"|[\\w$]+)"
            + "(?:\\s*\\.\\s*(?:\"[^\"]+\"|[\\w$]+))?)");

    /** The table a statement locks, as written, for the statements that name it first (ALTER TABLE, LOCK, ...). */
    static Optional<String> lockedTable(String sql) {
        Matcher matcher = LOCKED_TABLE.matcher(Resumption.withoutLeadingComments(sql));
        return matcher.lookingAt() ? Optional.of(matcher.group(1).replaceAll("\\s+", "")) : Optional.empty();
    }

    /**
     * A statement of a migration's {@code down.sql} failed during a rollback.
     *
     * @param statement the statement, or null when the failure was outside one (commit, history)
     * @param statementsDone for a down file run outside a transaction, how many of its statements took effect
     * @param lockRetries how many attempts ended in a lock conflict, this one included
     */
    static MigrationFailedException downStatementFailed(
            MigrationScript script,
            DownScript down,
            SqlStatement statement,
            SQLException e,
            int statementsDone,
            int lockRetries,
            Duration retriedFor) {
        SecretMasker.Secrets secrets = SecretMasker.secretsOf(statement == null ? null : statement.sql());
        ServerError server = masked(ServerError.from(e), secrets);
        e = masked(e, secrets);
        int line =
                statement == null ? 0 : server.position() > 0 ? statement.lineOf(server.position()) : statement.line();
        StringBuilder d = new StringBuilder();
        StringBuilder m = d;
        m.append("Rolling back migration ").append(script.id()).append(" failed");
        if (statement != null) {
            m.append(" at statement ")
                    .append(statement.number())
                    .append(" (line ")
                    .append(line)
                    .append(')');
        }
        m.append(" of ").append(down.source()).append(":\n");
        appendServerError(m, server, statement, line);
        if (down.transactional()) {
            m.append("Nothing of this down file took effect (it runs in one transaction): migration ")
                    .append(script.id())
                    .append(" is still applied");
        } else {
            m.append("This down file runs outside a transaction: ")
                    .append(statementsDone)
                    .append(" of its ")
                    .append(down.statements().size())
                    .append(" statements took effect, and migration ")
                    .append(script.id())
                    .append(" is still marked applied");
        }
        m.append("; migrations rolled back before it stay rolled back.\n");
        Advice a = new Advice();
        if (!appendTimeoutAdvice(m, a, server, lockRetries, retriedFor, "roll back again", "down file")) {
            m = a.text;
            m.append("Fix the down file and roll back again");
            if (!down.transactional()) {
                m.append(": the rollback runs the down file from its first statement again, so write statements "
                        + "that may run twice (DROP ... IF EXISTS, CREATE ... IF NOT EXISTS)");
            }
            m.append('.');
        }
        return new MigrationFailedException(
                SlipwayError.ROLLBACK_FAILED,
                d.toString().stripTrailing(),
                a.action(),
                versionOf(script),
                script.name(),
                down.source(),
                statement == null ? 0 : statement.number(),
                line,
                statement == null ? null : MigrationPlanner.abbreviate(statement.sql()),
                server.sqlState(),
                server.message(),
                server.detail(),
                server.hint(),
                server.position(),
                a.retries,
                null,
                e);
    }

    /** The version for an exception: null for a repeatable migration, as {@code MigrationInfo.version()} is. */
    static String versionOf(MigrationScript script) {
        return script.repeatable() ? null : script.version().toString();
    }

    /** PostgreSQL's fields with the statement's secrets hidden: the server may quote a literal back. */
    private static ServerError masked(ServerError server, SecretMasker.Secrets secrets) {
        return secrets.isEmpty()
                ? server
                : new ServerError(
                        server.sqlState(),
                        secrets.maskIn(server.message()),
                        secrets.maskIn(server.detail()),
                        secrets.maskIn(server.hint()),
                        server.position());
    }

    /**
     * The driver's exception, or, when its message (or that of an exception chained to it) repeats a secret of the
     * statement, a plain copy with the secret hidden and the same stack trace: the cause is logged with the failure.
     */
    private static SQLException masked(SQLException e, SecretMasker.Secrets secrets) {
        if (secrets.isEmpty()) {
            return e;
        }
        boolean leaks = false;
        for (SQLException link = e; link != null; link = link.getNextException()) {
            String message = link.getMessage();
            leaks |= message != null && !message.equals(secrets.maskIn(message));
        }
        if (!leaks) {
            return e;
        }
        SQLException copy = new SQLException(secrets.maskIn(e.getMessage()), e.getSQLState(), e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
            SQLException nextCopy =
                    new SQLException(secrets.maskIn(next.getMessage()), next.getSQLState(), next.getErrorCode());
            nextCopy.setStackTrace(next.getStackTrace());
            copy.setNextException(nextCopy);
        }
        return copy;
    }

    /** PostgreSQL's message, detail, hint and position, and the statement (its secrets hidden). */
    private static void appendServerError(StringBuilder m, ServerError server, SqlStatement statement, int line) {
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
                m.append("-> position: character ")
                        .append(server.position())
                        .append(" of the statement, line ")
                        .append(line)
                        .append(" of the file\n");
            }
            m.append("-> statement ")
                    .append(statement.number())
                    .append(": ")
                    .append(MigrationPlanner.abbreviate(statement.sql()))
                    .append('\n');
        }
    }

    /**
     * The query that lists the sessions that may have held the lock: a granted lock on a table, in a transaction that
     * was already open when the retries began ({@code retriedFor} before the failure, whole seconds down), so that a
     * blocker open for only a few seconds is found as well as one open for hours.
     */
    static String blockerQuery(Duration retriedFor) {
        return "SELECT DISTINCT a.pid, a.state, a.xact_start, a.query FROM pg_locks l JOIN pg_stat_activity a"
                + " ON a.pid = l.pid WHERE l.granted AND l.locktype = 'relation' AND a.pid <> pg_backend_pid()"
                + " AND a.xact_start <= now() - interval '" + Math.max(0, retriedFor.toSeconds()) + " seconds';";
    }

    /** Advice for a lock conflict that used up the retry budget, or a statement timeout; false for other errors. */
    private static boolean appendTimeoutAdvice(
            StringBuilder m,
            Advice a,
            ServerError server,
            int lockRetries,
            Duration retriedFor,
            String then,
            String file) {
        if (SqlStates.isLockConflict(server.sqlState())) {
            a.retries = lockRetries + " attempts over " + seconds(retriedFor) + ": another transaction kept a "
                    + "conflicting lock on what this statement changes";
            m.append("-> gave up after ").append(a.retries).append(".\n");
            a.text.append("Find it among the sessions that hold a table lock in a transaction open at least as long "
                            + "as the retries ran: ")
                    .append(blockerQuery(retriedFor))
                    .append(" Let it finish or end it, or raise ")
                    .append(a.setting(Setting.DDL_RETRY_BUDGET))
                    .append(", then ")
                    .append(then)
                    .append('.');
            return true;
        }
        if (SqlStates.QUERY_CANCELED.equals(server.sqlState())) {
            m.append("The statement ran longer than statement_timeout.");
            a.text.append("Raise it for this ")
                    .append(file)
                    .append(" with '-- slipway:statement-timeout 30min' (or ")
                    .append(a.setting(Setting.DDL_STATEMENT_TIMEOUT))
                    .append("), then ")
                    .append(then)
                    .append('.');
            return true;
        }
        return false;
    }

    /**
     * The action being written, with a NUL (which no migration's text holds) where each setting goes, and the facts
     * found on the way.
     */
    private static final class Advice {
        private static final char SETTING = '\u0000';
        final StringBuilder description = new StringBuilder();
        final StringBuilder text = new StringBuilder();
        final List<Setting> settings = new ArrayList<>();
        String retries;
        String applied;

        char setting(Setting setting) {
            settings.add(setting);
            return SETTING;
        }

        Action action() {
            String[] parts = text.toString().split(String.valueOf(SETTING), -1);
            Action action = Action.text(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                action = action.append(Action.of("{}", settings.get(i - 1))).append(Action.text(parts[i]));
            }
            return action;
        }
    }
}
