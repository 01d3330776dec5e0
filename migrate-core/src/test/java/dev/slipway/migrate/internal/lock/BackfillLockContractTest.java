package dev.slipway.migrate.internal.lock;

import java.sql.Connection;

/** The lock of one backfill: a session lock that an instance tries once per poll (the holder is another instance). */
class BackfillLockContractTest extends AdvisoryLockContractTest {

    @Override
    AdvisoryLock lock(Connection connection) {
        return AdvisoryLock.backfill(connection, "public", "slipway_backfills", "contract_backfill");
    }

    @Override
    boolean waits() {
        return false;
    }
}
