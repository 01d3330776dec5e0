package dev.slipway.migrate.internal.lock;

import java.sql.Connection;

/** The lock that creates a bookkeeping table: held by a transaction, waited for by instances starting together. */
class TableCreationLockContractTest extends AdvisoryLockContractTest {

    @Override
    AdvisoryLock lock(Connection connection) {
        return AdvisoryLock.tableCreation(connection, "public", "slipway_instances");
    }

    @Override
    boolean waits() {
        return true;
    }
}
