package dev.slipway.migrate.autoconfigure.diagnostics;

import java.util.List;

import dev.slipway.migrate.ExistingSchemaException;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.LockWaitTimeoutException;
import dev.slipway.migrate.MigrationAdoptionException;
import dev.slipway.migrate.MigrationFailedException;
import dev.slipway.migrate.MigrationValidationException;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.TransactionPoolerException;
import dev.slipway.migrate.UnsupportedDatabaseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes every other {@link SlipwayException} that ends startup — an unreachable database, a schema that
 * may not be created, a transaction-pooling proxy — so that no refusal of Slipway's falls back to a bare
 * stack trace. The exceptions that have analyzers of their own are left to them, whatever the order in
 * which Spring Boot asks the analyzers.
 */
class SlipwayFailureAnalyzer extends AbstractFailureAnalyzer<SlipwayException> {

    private static final List<Class<? extends SlipwayException>> ANALYZED_ELSEWHERE = List.of(
            ExistingSchemaException.class, InvalidMigrationException.class, LockWaitTimeoutException.class,
            MigrationAdoptionException.class, MigrationFailedException.class, MigrationValidationException.class,
            TransactionPoolerException.class, UnsupportedDatabaseException.class);

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SlipwayException cause) {
        if (ANALYZED_ELSEWHERE.stream().anyMatch((type) -> type.isInstance(cause))) {
            return null;
        }
        CoreMessage message = CoreMessage.of(cause.getMessage());
        String[] parts = split(cause.getMessage());
        String description = message.advice().isPresent() ? "Slipway stopped the startup: " + message.facts()
                : "Slipway stopped the startup: " + parts[0];
        String action = message.advice().orElse(parts[1]);
        return new FailureAnalysis(description, action, cause);
    }

    /** What happened (the first line) and what to do (the rest), for a message without fact lines. */
    private static String[] split(String message) {
        String text = (message == null) ? "" : message.strip();
        int newline = text.indexOf('\n');
        if (newline < 0) {
            return new String[] { text, "Fix the cause named above, then start the application again." };
        }
        return new String[] { text.substring(0, newline), text.substring(newline + 1).strip() };
    }
}
