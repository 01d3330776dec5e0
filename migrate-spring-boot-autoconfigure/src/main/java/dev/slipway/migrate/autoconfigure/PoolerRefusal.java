package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.TransactionPoolerException;
import org.slf4j.Logger;

/**
 * How a background task (heartbeat, contract, a backfill) ends on a {@link TransactionPoolerException}: logged once
 * at {@code ERROR} with what was seen and the fix in Spring Boot's terms, and the task returns instead of failing at
 * every interval (the verdict is kept, so trying again would only repeat it).
 */
final class PoolerRefusal {

    private PoolerRefusal() {}

    static void log(Logger log, String task, TransactionPoolerException ex) {
        log.error(
                "Background task {} stops, and does not run again until the application restarts: {}\n-> seen: {}\n"
                        + "Give Slipway a direct connection to PostgreSQL with slipway.datasource.url, "
                        + "slipway.datasource.username and slipway.datasource.password (the application may keep its pooler), "
                        + "or a pool in session mode.",
                task,
                ex.getDescription(),
                ex.getEvidence());
    }
}
