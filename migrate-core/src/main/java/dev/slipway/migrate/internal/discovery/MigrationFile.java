package dev.slipway.migrate.internal.discovery;

import java.util.Optional;

/**
 * A migration file found by {@link MigrationLayout}, not read yet.
 *
 * @param version from the folder or file name; null for a repeatable migration ({@code R__<description>.sql})
 * @param name the name after the version
 * @param source the file as a location, e.g. {@code classpath:db/migrations/20240101000000_init/migration.sql}
 * @param identity where the file physically is, to read a file reached through two locations once
 * @param content the file's bytes
 * @param down the folder's {@code down.sql}, if any
 */
record MigrationFile(
        MigrationVersion version,
        String name,
        String source,
        String identity,
        ScannedEntry.Content content,
        Optional<DownFile> down) {

    /**
     * A migration folder's {@code down.sql}, not read yet: it is read only when the migration is rolled back.
     *
     * @param source the file as a location
     * @param content the file's bytes
     */
    record DownFile(String source, ScannedEntry.Content content) {}

    /** Whether this is a repeatable migration, {@code R__<description>.sql}: it has no version. */
    boolean repeatable() {
        return version == null;
    }

    /** The location of the folder's {@code down.sql}, if any. */
    Optional<String> downSource() {
        return down.map(DownFile::source);
    }
}
