package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.LockTimeoutRetry;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationStatement;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.SlipwayListener;
import dev.slipway.migrate.internal.sql.SecretMasker;
import dev.slipway.migrate.internal.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to every listener; a listener that throws is logged and does not stop the migration. */
public final class Listeners implements SlipwayListener {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    /** The longest statement summary, in characters. */
    static final int SUMMARY_LENGTH = 72;

    /** Statements up to this length have their secrets masked whole for the summary; longer ones are cut first. */
    private static final int MASKED_WHOLE = 256 * 1024;

    private final List<SlipwayListener> listeners;

    public Listeners(List<SlipwayListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void lockWaiting(LockHolder holder, Duration waitedSoFar) {
        each(l -> l.lockWaiting(holder, waitedSoFar));
    }

    @Override
    public void lockAcquired(Duration waited) {
        each(l -> l.lockAcquired(waited));
    }

    @Override
    public void migrationStarted(MigrationInfo migration) {
        each(l -> l.migrationStarted(migration));
    }

    @Override
    public void statementStarted(MigrationStatement statement) {
        each(l -> l.statementStarted(statement));
    }

    /**
     * Tells the listeners that a statement is about to run, unless none listens. Its summary is its text on one line,
     * its secrets hidden ({@link SecretMasker}) and shortened to {@value #SUMMARY_LENGTH} characters.
     */
    void statementStarted(
            MigrationInfo migration,
            String file,
            SqlStatement sql,
            int count,
            boolean transactional,
            boolean rollback) {
        if (listeners.isEmpty()) {
            return;
        }
        statementStarted(new MigrationStatement(
                migration, file, sql.number(), count, sql.line(), summary(sql.sql()), transactional, rollback));
    }

    /** A statement on one line, its secrets hidden, at most {@value #SUMMARY_LENGTH} characters. */
    static String summary(String sql) {
        String text = sql;
        if (text.length() > MASKED_WHOLE) {
            // Too long to lex again for a progress line: show it only up to its first literal, which might hold a
            // secret that a cut could not recognise.
            int literal = firstQuote(text, SUMMARY_LENGTH * 4);
            text = text.substring(0, Math.min(literal, SUMMARY_LENGTH * 4));
            text = text.replaceAll("\\s+", " ").strip() + " ...";
        } else {
            text = SecretMasker.mask(text).replaceAll("\\s+", " ").strip();
        }
        return text.length() <= SUMMARY_LENGTH ? text : text.substring(0, SUMMARY_LENGTH - 3) + "...";
    }

    private static int firstQuote(String text, int limit) {
        int end = Math.min(limit, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '$' || c == '"') {
                return i;
            }
        }
        return end;
    }

    @Override
    public void migrationApplied(MigrationInfo migration, Duration duration) {
        each(l -> l.migrationApplied(migration, duration));
    }

    @Override
    public void migrationFailed(MigrationInfo migration, SlipwayException error) {
        each(l -> l.migrationFailed(migration, error));
    }

    @Override
    public void lockTimeoutRetry(LockTimeoutRetry retry) {
        each(l -> l.lockTimeoutRetry(retry));
    }

    private void each(Consumer<SlipwayListener> call) {
        for (SlipwayListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn(
                        "Slipway listener {} failed; ignoring it",
                        listener.getClass().getName(),
                        e);
            }
        }
    }
}
