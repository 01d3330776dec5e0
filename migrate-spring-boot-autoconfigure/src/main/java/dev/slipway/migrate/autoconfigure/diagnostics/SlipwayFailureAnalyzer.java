package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.ExistingSchemaException;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.LockWaitTimeoutException;
import dev.slipway.migrate.MigrationAdoptionException;
import dev.slipway.migrate.MigrationFailedException;
import dev.slipway.migrate.MigrationValidationException;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.TransactionPoolerException;
import dev.slipway.migrate.UnsupportedDatabaseException;
import java.util.List;
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
            ExistingSchemaException.class,
            InvalidMigrationException.class,
            LockWaitTimeoutException.class,
            MigrationAdoptionException.class,
            MigrationFailedException.class,
            MigrationValidationException.class,
            TransactionPoolerException.class,
            UnsupportedDatabaseException.class);

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SlipwayException cause) {
        if (ANALYZED_ELSEWHERE.stream().anyMatch((type) -> type.isInstance(cause))) {
            return null;
        }
        String description = "Slipway stopped the startup: " + cause.getDescription();
        String action = SpringSettings.render(
                cause.getAction(), "Fix the cause named above, then start the application again.");
        return new FailureAnalysis(description, action, cause);
    }
}
