package dev.slipway.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code pg_dump --schema-only} of one database, the plain way to read a schema, timed as a process from launch to
 * exit.
 *
 * <ol>
 *   <li>The program is looked up in {@code $SLIPWAY_PG_BIN} when set, then on the {@code PATH}, then in the newest
 *       {@code /usr/lib/postgresql/<major>/bin} (where Debian and Ubuntu put it), as migrate-core's tests find
 *       PostgreSQL's client programs.</li>
 *   <li>Host, port, user and password go through the libpq environment, taken from the benchmark server's URL.</li>
 *   <li>The dump goes to a file; a run that does not exit with 0 or writes no {@code CREATE TABLE} fails the
 *       benchmark, naming the file with what pg_dump printed.</li>
 * </ol>
 */
final class SchemaDiffPgDump {

    private final Path binary;
    private final BenchmarkServer server;
    private final Path folder;

    /** One timed dump: the wall time and the size of the script written. */
    record Dump(long nanos, long bytes) {}

    SchemaDiffPgDump(BenchmarkServer server, Path folder) {
        this.binary = binary("pg_dump");
        this.server = server;
        this.folder = folder;
    }

    Path binary() {
        return binary;
    }

    /** {@code pg_dump --version}, e.g. "pg_dump (PostgreSQL) 15.20 (Debian 15.20-1.pgdg120+1)". */
    String version() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        return out;
    }

    /** Dumps the schema of {@code database} and returns how long it took. */
    Dump dump(String database) throws IOException, InterruptedException {
        Path out = folder.resolve(database + ".sql");
        Path err = folder.resolve(database + ".err");
        ProcessBuilder builder = new ProcessBuilder(
                        binary.toString(), "--schema-only", "--file=" + out, "--dbname=" + database)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        URI uri = URI.create(server.jdbcUrl(database).substring("jdbc:".length()));
        Map<String, String> env = builder.environment();
        env.put("PGHOST", uri.getHost());
        env.put("PGPORT", String.valueOf(uri.getPort() > 0 ? uri.getPort() : 5432));
        env.put("PGUSER", server.username() != null ? server.username() : System.getProperty("user.name"));
        if (server.password() != null) {
            env.put("PGPASSWORD", server.password());
        }
        env.remove("PGSERVICE");
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("pg_dump --schema-only of " + database + " did not end in 5 minutes");
        }
        long nanos = System.nanoTime() - start;
        if (process.exitValue() != 0
                || !Files.readString(out, StandardCharsets.UTF_8).contains("CREATE TABLE")) {
            throw new IllegalStateException("pg_dump --schema-only of " + database + " ended with exit code "
                    + process.exitValue() + " or wrote no CREATE TABLE; what it printed: " + err + ", its dump: "
                    + out + ". Check that " + binary + " can reach the server as the benchmark does.");
        }
        return new Dump(nanos, Files.size(out));
    }

    private static Path binary(String program) {
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
                List<Path> found = new ArrayList<>(
                        majors.filter(major -> major.getFileName().toString().matches("\\d+"))
                                .sorted(Comparator.comparingInt((Path major) -> Integer.parseInt(
                                                major.getFileName().toString()))
                                        .reversed())
                                .map(major -> major.resolve("bin").resolve(program))
                                .filter(Files::isExecutable)
                                .toList());
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(program + " was not found on the PATH nor in /usr/lib/postgresql/<major>/bin."
                + " The schema diff benchmark times it side by side with Slipway: install PostgreSQL's client programs"
                + " (Debian/Ubuntu: apt-get install postgresql-client) or set SLIPWAY_PG_BIN to the folder that holds "
                + program + ".");
    }
}
