package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A Flyway project for a test: {@code V<version>__<description>.sql} and {@code R__<description>.sql} files in a
 * temporary folder, the real Flyway to apply them, and what a test of Slipway's import looks at in the database: an
 * event trigger that logs every DDL command from the moment it is installed, and a digest of Flyway's table.
 */
final class FlywayFixture {

    private final Path root;

    FlywayFixture(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file, as UTF-8, exactly as given (line endings included). */
    FlywayFixture write(String fileName, String sql) {
        return writeBytes(fileName, sql.getBytes(StandardCharsets.UTF_8));
    }

    FlywayFixture writeBytes(String fileName, byte[] bytes) {
        try {
            Path file = root.resolve(fileName);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FlywayFixture delete(String fileName) {
        try {
            Files.delete(root.resolve(fileName));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FlywayFixture rename(String from, String to) {
        try {
            Files.move(root.resolve(from), root.resolve(to));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    String location() {
        return "filesystem:" + root.toAbsolutePath();
    }

    /** Flyway, configured for this project's files and the database. */
    FluentConfiguration flyway(TestDatabase db) {
        return flyway(db, location());
    }

    /**
     * Flyway, configured for some locations and the database. With its default transactional lock, Flyway keeps a
     * transaction open while it runs a non-transactional migration, and a {@code CREATE INDEX CONCURRENTLY} waits for
     * that transaction for ever; its users turn the lock into a session lock, as here.
     */
    static FluentConfiguration flyway(TestDatabase db, String... locations) {
        return Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations(locations)
                .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"));
    }

    /** A Slipway configuration for this project's files, with short polls. */
    SlipwayConfig.Builder slipway() {
        return SlipwayConfig.builder().locations(location()).lockPollInterval(java.time.Duration.ofMillis(50));
    }

    /** Every row of Flyway's table, as one digest: equal digests, equal tables. */
    static String digest(TestDatabase db, String table) {
        return db.queryString("SELECT count(*) || ' rows, ' || md5(string_agg(t::text, '|' ORDER BY installed_rank))"
                + " FROM " + table + " t");
    }

    /** Asserts that a refused import wrote nothing: no Slipway history, Flyway's table as it was. */
    static void assertNothingWritten(TestDatabase db, String table, String digestBefore) {
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'slipway_migrations'"))
                .as("slipway_migrations tables after a refused import")
                .isZero();
        assertThat(digest(db, table))
                .as("Flyway's table after a refused import")
                .isEqualTo(digestBefore);
    }
}
