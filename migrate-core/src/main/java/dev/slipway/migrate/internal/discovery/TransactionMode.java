package dev.slipway.migrate.internal.discovery;

import java.util.Locale;

/** Whether a migration runs in one transaction, as chosen by {@code -- slipway:transaction}. */
public enum TransactionMode {
    /** The default: outside a transaction when a statement cannot run in one, otherwise in one transaction. */
    AUTO,
    /** Always in one transaction; a statement that cannot run in a transaction is an error. */
    ON,
    /** Statement by statement, each committed on its own. */
    OFF;

    /** The lower-case name used in the directive. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
