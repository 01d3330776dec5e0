package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The floor: lists the migration folders, reads each {@code migration.sql} and runs its statements in a
 * transaction of its own on one connection. No lock, no history, no validation, so it has no no-op run: with
 * nothing recorded it would apply everything again. The generated files hold one statement per line, so splitting
 * on lines stands in for a real SQL splitter.
 */
final class PlainJdbcContender implements Contender {

    private final Path migrations;

    PlainJdbcContender(Path slipwayLayout) {
        this.migrations = slipwayLayout;
    }

    @Override
    public String key() {
        return "jdbc";
    }

    @Override
    public String name() {
        return "plain JDBC";
    }

    @Override
    public boolean hasNoopRun() {
        return false;
    }

    @Override
    public int migrate(DataSource dataSource) throws IOException, SQLException {
        List<Path> files = migrationFiles();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (Path file : files) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        statement.execute(line);
                    }
                }
                connection.commit();
            }
            connection.setAutoCommit(true);
        }
        return files.size();
    }

    /** {@code <version>_<name>/migration.sql}, by numeric version. */
    private List<Path> migrationFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> folders = Files.list(migrations)) {
            folders.sorted(Comparator.comparingLong(PlainJdbcContender::version))
                    .forEach(folder -> files.add(folder.resolve("migration.sql")));
        }
        return files;
    }

    private static long version(Path folder) {
        String name = folder.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('_')));
    }
}
