package dev.slipway.migrate.internal.lock;

import java.sql.Connection;

/** The migration lock: a session lock that {@code migrate()}, {@code contract()}, rollback and resolve wait for. */
class MigrationLockContractTest extends AdvisoryLockContractTest {

    @Override
    AdvisoryLock lock(Connection connection) {
        return AdvisoryLock.migration(connection, "public", "slipway_migrations");
    }

    @Override
    boolean waits() {
        return true;
    }
}
