package dev.slipway.maven;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.SlipwayListener;
import java.time.Duration;
import org.apache.maven.plugin.logging.Log;

/** Prints each migration as it runs, and a wait for the migration lock with its holder ({@code deploy}, {@code dev}). */
final class MigrationProgress implements SlipwayListener {

    private final Log log;

    MigrationProgress(Log log) {
        this.log = log;
    }

    @Override
    public void lockWaiting(LockHolder holder, Duration waitedSoFar) {
        log.info("Waiting for the migration lock, held by pid " + holder.pid()
                + (holder.applicationName() == null ? "" : " (" + holder.applicationName() + ")"));
    }

    @Override
    public void migrationStarted(MigrationInfo migration) {
        log.info("Applying " + migration.id() + " ...");
    }

    @Override
    public void migrationApplied(MigrationInfo migration, Duration duration) {
        log.info("Applied " + migration.id() + " in " + duration.toMillis() + " ms");
    }

    @Override
    public void migrationFailed(MigrationInfo migration, SlipwayException error) {
        log.error("Failed " + migration.id());
    }
}
