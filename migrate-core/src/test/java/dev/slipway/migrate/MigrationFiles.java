package dev.slipway.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration folders into a temporary directory for a test. */
final class MigrationFiles {

    private final Path root;

    MigrationFiles(Path root) {
        this.root = root;
    }

    /** Writes {@code <id>/migration.sql}. */
    MigrationFiles add(String id, String sql) {
        try {
            Path dir = root.resolve(id);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("migration.sql"), sql, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file at a path below the root, e.g. a repeatable migration {@code R__views.sql}. */
    MigrationFiles addFile(String path, String sql) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, sql, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file below the root. */
    MigrationFiles deleteFile(String path) {
        try {
            Files.delete(root.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a migration folder. */
    MigrationFiles remove(String id) {
        try {
            Path dir = root.resolve(id);
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renames a migration folder. */
    MigrationFiles rename(String from, String to) {
        try {
            Files.move(root.resolve(from), root.resolve(to));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A schema name for one test method, within PostgreSQL's 63-byte limit for identifiers. */
    static String schemaFor(String prefix, org.junit.jupiter.api.TestInfo test) {
        String name = (prefix + test.getTestMethod().orElseThrow().getName()).toLowerCase(java.util.Locale.ROOT);
        return name.length() <= 63 ? name : name.substring(0, 54) + "_" + Integer.toHexString(name.hashCode());
    }

    Path root() {
        return root;
    }

    String location() {
        return "filesystem:" + root.toAbsolutePath();
    }

    /** A configuration for tests: this location, short polls and back-offs. */
    SlipwayConfig.Builder config() {
        return SlipwayConfig.builder()
                .locations(location())
                .lockPollInterval(java.time.Duration.ofMillis(50))
                .ddlRetryInitialBackoff(java.time.Duration.ofMillis(50))
                .ddlRetryMaxBackoff(java.time.Duration.ofMillis(400));
    }
}
