package dev.slipway.migrate.internal.schema.source;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.StatementSplitter;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * The desired schema written as SQL files ({@code schema:<dir>}): every {@code *.sql} file under the folder, in the
 * order of their paths relative to it ({@code 01_types.sql}, {@code 02_tables/orders.sql}, ...), each statement run
 * on its own in autocommit (so {@code CREATE INDEX CONCURRENTLY} may stand in them), into a scratch database.
 */
public final class SchemaFiles {

    private SchemaFiles() {}

    /** The files, in the order they are applied. */
    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new SlipwayException(
                    SlipwayError.LOCATION_NOT_FOUND,
                    "The schema folder " + folder.toAbsolutePath() + " does not exist.",
                    Action.text("Write the desired schema as SQL files there (src/main/resources/db/schema by"
                            + " default), or name the folder that holds them (schema:<folder>)."));
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".sql"))
                    .sorted((a, b) -> folder.relativize(a)
                            .toString()
                            .replace('\\', '/')
                            .compareTo(folder.relativize(b).toString().replace('\\', '/')))
                    .toList();
        } catch (IOException e) {
            throw new SlipwayException(
                    SlipwayError.READ_FAILED,
                    "Could not list the schema folder " + folder.toAbsolutePath() + ": " + e.getMessage(),
                    Action.text("Check that the folder can be read."),
                    e);
        }
    }

    /** Runs every file's statements; returns how many files were applied. */
    public static int apply(Connection connection, Path folder) throws SQLException {
        List<Path> files = list(folder);
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            for (Path file : files) {
                String source = file.toString();
                for (SqlStatement sql : StatementSplitter.split(read(file), source)) {
                    try {
                        statement.execute(sql.sql());
                    } catch (SQLException e) {
                        throw ReplayException.of(
                                "Schema file " + folder.relativize(file),
                                source,
                                sql,
                                e,
                                "Fix the statement: the schema files are applied in the order of their paths to"
                                        + " an empty database, so an object must be created in a file that sorts"
                                        + " before the files that use it.");
                    }
                }
            }
        }
        return files.size();
    }

    /** The text of a file, strict UTF-8 (for the rename hints of {@code slipway dev}). */
    public static String text(Path file) {
        return read(file);
    }

    /** The text of a file, strict UTF-8. */
    static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SlipwayException(
                    SlipwayError.READ_FAILED,
                    "The schema file " + file + " is not UTF-8 text.",
                    Action.text("Save it as UTF-8."),
                    e);
        } catch (IOException e) {
            throw new SlipwayException(
                    SlipwayError.READ_FAILED,
                    "Could not read the schema file " + file + ": " + e.getMessage(),
                    Action.text("Check that the file can be read."),
                    e);
        }
    }
}
