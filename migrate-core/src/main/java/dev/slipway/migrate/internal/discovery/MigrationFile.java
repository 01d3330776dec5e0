package dev.slipway.migrate.internal.discovery;

import java.util.Optional;

/**
 * A migration file found by {@link MigrationLayout}, not read yet.
 *
 * @param version from the folder or file name
 * @param name the name after the version
 * @param source the file as a location, e.g. {@code classpath:db/migrations/20240101000000_init/migration.sql}
 * @param identity where the file physically is, to read a file reached through two locations once
 * @param content the file's bytes
 * @param downSource the location of the folder's {@code down.sql}, if any
 */
record MigrationFile(
        MigrationVersion version,
        String name,
        String source,
        String identity,
        ScannedEntry.Content content,
        Optional<String> downSource) {
}
