package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * The startup benchmark's migrations, written to a temporary class path root in both namings with the same SQL:
 * {@code db/migrations/<version>_<name>/migration.sql}, where Slipway looks by default, and
 * {@code db/migration/V<version>__<name>.sql}, where Spring Boot's Flyway auto-configuration looks by default.
 * They are the sample app's migrations, copied from its sources, followed by generated ones that each create a table
 * {@code t_<n>} and comment on it.
 */
final class StartupMigrations implements AutoCloseable {

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final LocalDateTime FIRST_GENERATED = LocalDateTime.of(2025, 2, 1, 0, 0);

    private final Path root;
    private final int sampleCount;
    private final int generatedCount;

    private StartupMigrations(Path root, int sampleCount, int generatedCount) {
        this.root = root;
        this.sampleCount = sampleCount;
        this.generatedCount = generatedCount;
    }

    /** Copies the sample app's migrations (folders under {@code sampleMigrations}) and generates {@code generated}. */
    static StartupMigrations write(Path sampleMigrations, int generated) throws IOException {
        Path root = Files.createTempDirectory("slipway-startup-benchmark-");
        Files.createDirectories(root.resolve("db/migrations"));
        Files.createDirectories(root.resolve("db/migration"));
        List<Path> samples;
        try (Stream<Path> folders = Files.list(sampleMigrations)) {
            samples = folders.filter(folder -> Files.isRegularFile(folder.resolve("migration.sql")))
                    .sorted()
                    .toList();
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("No <version>_<name>/migration.sql under " + sampleMigrations);
        }
        StartupMigrations migrations = new StartupMigrations(root, samples.size(), generated);
        for (Path folder : samples) {
            String name = folder.getFileName().toString();
            int underscore = name.indexOf('_');
            migrations.add(
                    name.substring(0, underscore),
                    name.substring(underscore + 1),
                    Files.readString(folder.resolve("migration.sql"), StandardCharsets.UTF_8));
        }
        for (int n = 1; n <= generated; n++) {
            String table = String.format("t_%04d", n);
            migrations.add(
                    FIRST_GENERATED.plusMinutes(n).format(VERSION),
                    "create_" + table,
                    "CREATE TABLE " + table + " (id bigint primary key, payload text);\n" + "COMMENT ON TABLE " + table
                            + " IS 'Startup benchmark table " + n + "';\n");
        }
        return migrations;
    }

    private void add(String version, String name, String sql) throws IOException {
        Path folder = root.resolve("db/migrations").resolve(version + "_" + name);
        Files.createDirectory(folder);
        Files.writeString(folder.resolve("migration.sql"), sql, StandardCharsets.UTF_8);
        Files.writeString(
                root.resolve("db/migration").resolve("V" + version + "__" + name + ".sql"),
                sql,
                StandardCharsets.UTF_8);
    }

    /** The directory to put on the class path. */
    Path classPathRoot() {
        return root;
    }

    /** How many migrations there are in each naming. */
    int count() {
        return sampleCount + generatedCount;
    }

    int sampleCount() {
        return sampleCount;
    }

    int generatedCount() {
        return generatedCount;
    }

    @Override
    public void close() {
        BenchmarkSupport.deleteTree(root);
    }
}
