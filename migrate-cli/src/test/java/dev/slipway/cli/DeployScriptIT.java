package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy script of README's "Deploying from CI" ({@code docs/ci/deploy.sh}) run as a pipeline runs it, with
 * bash, the built {@code slipway.jar} and {@code pg_dump}, against the real PostgreSQL: it backs up and deploys
 * when there is something to do, does nothing when the database is up to date, and stops on a failed
 * migration or a changed applied file.
 */
@PostgresTest
class DeployScriptIT {

    private static final Path SCRIPT =
            Path.of("..", "docs", "ci", "deploy.sh").toAbsolutePath().normalize();

    @TempDir
    Path project;

    @TempDir
    Path backups;

    private final TestDatabase classDb;

    DeployScriptIT(TestDatabase classDb) {
        this.classDb = classDb;
    }

    @Test
    void theReadmeShowsTheScriptAsItIs() throws IOException {
        String readme =
                Files.readString(SCRIPT.getParent().getParent().getParent().resolve("README.md"));

        assertThat(readme).contains("```bash\n" + Files.readString(SCRIPT) + "```\n");
    }

    @Test
    void backsUpAndDeploysPendingMigrationsThenFindsNothingToDo() throws Exception {
        TestDatabase db = classDb.createAnother("script");
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text);");
        migration("20240102000000_add_email", "ALTER TABLE users ADD COLUMN email text;");

        Result first = runScript(db);

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("Backup written to " + backups);
        assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations WHERE finished_at IS NOT NULL"))
                .isEqualTo(2);
        try (Stream<Path> files = Files.list(backups)) {
            List<Path> dumps = files.toList();
            assertThat(dumps).hasSize(1);
            // pg_dump's custom format starts with PGDMP; taken before deploy, it has no history table yet
            assertThat(new String(Files.readAllBytes(dumps.get(0)), 0, 5, StandardCharsets.US_ASCII))
                    .isEqualTo("PGDMP");
        }

        Result second = runScript(db);

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("The database is up to date: nothing to deploy.");
        try (Stream<Path> files = Files.list(backups)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void stopsOnAFailedMigrationAndRefusesToGoOnWhenAnAppliedFileChanged() throws Exception {
        TestDatabase db = classDb.createAnother("script_failed");
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY);");
        migration("20240102000000_broken", "ALTER TABLE no_such_table ADD COLUMN x int;");

        Result failed = runScript(db);

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output())
                .contains("Backup written to")
                .contains("20240102000000_broken")
                .contains("no_such_table");

        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text);");
        Result changed = runScript(db);

        assertThat(changed.exitCode()).as(changed.output()).isEqualTo(1);
        assertThat(changed.output())
                .contains("MODIFIED")
                .contains("A migration failed or a file changed (see " + "above): fix it, then 'slipway resolve'.")
                .doesNotContain("Backup written to");
    }

    private void migration(String folder, String sql) throws IOException {
        Path dir = project.resolve("src/main/resources/db/migrations").resolve(folder);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("migration.sql"), sql);
    }

    private record Result(int exitCode, String output) {}

    private Result runScript(TestDatabase db) throws Exception {
        String rest = db.jdbcUrl().substring("jdbc:postgresql://".length());
        String databaseUrl = "postgresql://" + db.username() + "@"
                + rest.substring(0, rest.indexOf('?') < 0 ? rest.length() : rest.indexOf('?'));
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString())
                .directory(project.toFile())
                .redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(k -> k.equals("SLIPWAY_URL") || k.startsWith("PG") || k.startsWith("JAVA_TOOL"));
        builder.environment().put("DATABASE_URL", databaseUrl);
        builder.environment().put("SLIPWAY_JAR", SlipwayJar.jar().toString());
        builder.environment().put("BACKUP_DIR", backups.toString());
        builder.environment()
                .put(
                        "PATH",
                        Path.of(System.getProperty("java.home"), "bin") + ":" + PostgresBin.directory() + ":"
                                + System.getenv("PATH"));
        Path out = Files.createTempFile("deploy-script", ".txt");
        builder.redirectOutput(out.toFile());
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("docs/ci/deploy.sh did not end in 3 minutes");
        }
        String output = Files.readString(out);
        Files.delete(out);
        return new Result(process.exitValue(), output);
    }

    /** Where {@code pg_dump} is: on the PATH, else PostgreSQL's own bin folder (Debian's postgresql-client). */
    private static final class PostgresBin {

        static String directory() throws IOException {
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                return versions.map(v -> v.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("pg_dump")))
                        .map(Path::toString)
                        .sorted()
                        .reduce((a, b) -> b)
                        .orElse("/usr/bin");
            } catch (java.nio.file.NoSuchFileException e) {
                return "/usr/bin";
            }
        }
    }
}
