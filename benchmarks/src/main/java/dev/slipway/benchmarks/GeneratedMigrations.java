package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's migrations, written to a temporary directory in two layouts with the same SQL:
 * {@code slipway/<version>_create_t_0001/migration.sql} (Slipway's and Prisma's folder layout) and
 * {@code flyway/V<n>__create_t_0001.sql}. Migration {@code n} creates table {@code t_<n>} and comments on it.
 */
final class GeneratedMigrations implements AutoCloseable {

    private final Path root;
    private final int count;

    private GeneratedMigrations(Path root, int count) {
        this.root = root;
        this.count = count;
    }

    static GeneratedMigrations write(int count) throws IOException {
        GeneratedMigrations migrations =
                new GeneratedMigrations(Files.createTempDirectory("slipway-benchmark-"), count);
        Files.createDirectories(migrations.slipwayLayout());
        Files.createDirectories(migrations.flywayLayout());
        for (int n = 1; n <= count; n++) {
            String table = String.format("t_%04d", n);
            String sql = "CREATE TABLE " + table + " (id bigint primary key, payload text);\n" + "COMMENT ON TABLE "
                    + table + " IS 'Benchmark table " + n + " of " + count + "';\n";
            Path folder = migrations.slipwayLayout().resolve(String.format("%04d_create_%s", n, table));
            Files.createDirectory(folder);
            Files.writeString(folder.resolve("migration.sql"), sql, StandardCharsets.UTF_8);
            Files.writeString(
                    migrations.flywayLayout().resolve("V" + n + "__create_" + table + ".sql"),
                    sql,
                    StandardCharsets.UTF_8);
        }
        return migrations;
    }

    int count() {
        return count;
    }

    /** Folders {@code <version>_<name>/migration.sql}. */
    Path slipwayLayout() {
        return root.resolve("slipway");
    }

    /** Files {@code V<n>__<name>.sql}. */
    Path flywayLayout() {
        return root.resolve("flyway");
    }

    @Override
    public void close() {
        BenchmarkSupport.deleteTree(root);
    }
}
