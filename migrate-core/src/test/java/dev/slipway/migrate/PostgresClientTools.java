package dev.slipway.migrate;

import dev.slipway.migrate.test.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs PostgreSQL's own client programs ({@code psql}, {@code pg_dump}) against a test database, so a test can
 * compare what Slipway does with what PostgreSQL's tools do on the same files.
 *
 * <ol>
 *   <li>A program is looked up in {@code $SLIPWAY_PG_BIN} when set, then on the {@code PATH}, then in the newest
 *       {@code /usr/lib/postgresql/<major>/bin} (Debian and Ubuntu put the versioned binaries there).</li>
 *   <li>If none is found the test fails with a message that says how to install or point to them.</li>
 *   <li>Connection facts go through the libpq environment ({@code PGHOST}, {@code PGPORT}, {@code PGUSER},
 *       {@code PGPASSWORD}, {@code PGDATABASE}), taken from the database's JDBC URL.</li>
 * </ol>
 */
public final class PostgresClientTools {

    /** What a program printed and how it ended. */
    public record Outcome(int exitCode, String stdout, String stderr) {}

    private PostgresClientTools() {}

    static Path binary(String program) {
        String dir = System.getenv("SLIPWAY_PG_BIN");
        if (dir != null && !dir.isBlank()) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
            throw new IllegalStateException("SLIPWAY_PG_BIN is " + dir + " but it holds no executable " + program
                    + ". Point SLIPWAY_PG_BIN at the bin folder of a PostgreSQL installation.");
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, program))) {
                return Path.of(entry, program);
            }
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> majors = Files.list(versions)) {
                Optional<Path> newest = majors.filter(
                                major -> major.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path major) ->
                                        Integer.parseInt(major.getFileName().toString()))
                                .reversed())
                        .map(major -> major.resolve("bin").resolve(program))
                        .filter(Files::isExecutable)
                        .findFirst();
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(program + " was not found on the PATH nor in /usr/lib/postgresql/<major>/bin."
                + " These tests compare Slipway with PostgreSQL's own client programs: install them (Debian/Ubuntu:"
                + " apt-get install postgresql-client) or set SLIPWAY_PG_BIN to the folder that holds "
                + program + ".");
    }

    /** Runs a PostgreSQL client program against {@code db} and waits for it to end. */
    static Outcome run(TestDatabase db, String program, List<String> arguments) {
        return run(db.jdbcUrl(), db.name(), db.username(), db.password(), program, arguments);
    }

    /**
     * Runs a PostgreSQL client program against a database of the server of {@code jdbcUrl} and waits for it to end.
     *
     * @param database the database's name
     */
    public static Outcome run(
            String jdbcUrl, String database, String user, String password, String program, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary(program).toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> env = builder.environment();
        env.put("PGHOST", uri.getHost());
        env.put("PGPORT", String.valueOf(uri.getPort() > 0 ? uri.getPort() : 5432));
        env.put("PGDATABASE", database);
        env.put("PGUSER", user);
        env.put("PGPASSWORD", password);
        env.put("PGCONNECT_TIMEOUT", "10");
        env.remove("PGSERVICE");
        try {
            Path out = Files.createTempFile("slipway-" + program, ".out");
            Path err = Files.createTempFile("slipway-" + program, ".err");
            try {
                Process process = builder.redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                int exitCode = process.waitFor();
                return new Outcome(
                        exitCode,
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + program + " ran", e);
        }
    }
}
