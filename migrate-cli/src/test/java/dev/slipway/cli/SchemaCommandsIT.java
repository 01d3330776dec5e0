package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.SlipwayJar.Run;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code slipway diff}, {@code drift} and {@code dev} as a user runs them: {@code java -jar slipway.jar} in a project
 * folder, against the real PostgreSQL, scratch databases made on the same server.
 */
@PostgresTest
class SchemaCommandsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SECRET = "hunter2-Secret";

    private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n"
            + "CREATE INDEX users_name_idx ON users (name);";

    @TempDir
    Path project;

    private final TestDatabase classDb;

    SchemaCommandsIT(TestDatabase classDb) {
        this.classDb = classDb;
    }

    @Test
    void diffScriptAppliedWithPsqlLeavesNoDifference() throws Exception {
        TestDatabase db = classDb.createAnother("diffscript");
        migration("20240101000000_create_users", USERS);
        schemaFile(
                "01_users.sql",
                USERS + "\nALTER TABLE users ADD COLUMN email text;\nCREATE INDEX users_email_idx ON users (email);\n"
                        + "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users,"
                        + " total numeric(10,2));");
        SlipwayJar slipway = new SlipwayJar(project);
        assertThat(slipway.run("deploy", "--url", url(db)).exitCode()).isZero();

        Run text = slipway.run("diff", "--from", "migrations", "--to", "schema", "--url", url(db));
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout())
                .contains(
                        "Migration 1 of",
                        "expand, in one transaction",
                        "outside a transaction, alone",
                        "CREATE INDEX CONCURRENTLY",
                        "column public.users.email",
                        "hazards: ",
                        "Hazards:",
                        "index-build",
                        "builds an index: time and I/O in proportion to the table",
                        "Difference: ");
        // the legend says what each hazard means once
        assertThat(text.stdout().split("builds an index: time", -1)).hasSize(2);

        Run differs =
                slipway.run("diff", "--from", "url:" + url(db), "--to", "schema", "--exit-code", "--url", url(db));
        assertThat(differs.exitCode()).as(differs.toString()).isEqualTo(2);

        Run json = slipway.run("diff", "--from", "url:" + url(db), "--to", "schema", "--json", "--url", url(db));
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode body = JSON.readTree(json.stdout());
        assertThat(body.get("difference").asBoolean()).isTrue();
        assertThat(body.get("statementCount").asInt()).isGreaterThan(3);
        JsonNode steps = body.get("migrations").get(0).get("steps");
        assertThat(steps.get(0).get("sql").asString()).isNotBlank();
        assertThat(body.get("hazards").has("INDEX_BUILD")).isTrue();
        assertThat(body.get("unsupported")).isEmpty();

        Run script = slipway.run("diff", "--from", "url:" + url(db), "--to", "schema", "--script", "--url", url(db));
        assertThat(script.exitCode()).as(script.toString()).isZero();
        assertThat(script.stdout())
                .startsWith("-- slipway diff --from url:")
                .contains("-- outside a transaction", "CREATE INDEX CONCURRENTLY")
                .doesNotContain("hazards:", "Migration 1 of");
        Path file = Files.writeString(project.resolve("change.sql"), script.stdout());
        psql(db, file);

        Run same = slipway.run("diff", "--from", "url:" + url(db), "--to", "schema", "--exit-code", "--url", url(db));
        assertThat(same.exitCode()).as(same.toString()).isZero();
        assertThat(same.stdout()).contains("No difference: ");
        Run empty = slipway.run(
                "diff", "--from", "url:" + url(db), "--to", "schema", "--exit-code", "--script", "--url", url(db));
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.stdout()).contains("-- No difference.");
    }

    @Test
    void driftNamesChangesMadeByHandAndIgnoresPendingMigrations() throws Exception {
        TestDatabase db = classDb.createAnother("drift");
        migration("20240101000000_create_users", USERS);
        SlipwayJar slipway = new SlipwayJar(project);
        assertThat(slipway.run("deploy", "--url", url(db)).exitCode()).isZero();

        Run clean = slipway.run("drift", "--url", url(db));
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.stdout()).contains("No drift: ", "the 1 migration its history says are applied");

        migration("20240102000000_add_email", "ALTER TABLE users ADD COLUMN email text;");
        Run pending = slipway.run("drift", "--url", url(db));
        assertThat(pending.exitCode()).as(pending.toString()).isZero();
        assertThat(pending.stdout())
                .contains("No drift: ", "1 pending migration (20240102000000_add_email) not compared")
                .doesNotContain("email text");

        db.execute("ALTER TABLE users ADD COLUMN note text");
        db.execute("DROP INDEX users_name_idx");
        db.execute("ALTER TABLE users ALTER COLUMN name TYPE varchar(200)");
        Run drift = slipway.run("drift", "--url", url(db));
        assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(2);
        assertThat(drift.stdout())
                .contains(
                        "Drift: ",
                        "column public.users.note exists in the database but not in the migrations",
                        "index public.users_name_idx is in the migrations but missing from the database",
                        "column public.users.name: type character varying(200) in the database, text in the"
                                + " migrations",
                        "To bring the database back to the migrations",
                        "CREATE INDEX CONCURRENTLY",
                        "DROP COLUMN",
                        "1 pending migration");

        Run json = slipway.run("drift", "--json", "--url", url(db));
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(2);
        JsonNode body = JSON.readTree(json.stdout());
        assertThat(body.get("drift").asBoolean()).isTrue();
        assertThat(body.get("appliedMigrations").asInt()).isEqualTo(1);
        assertThat(body.get("pendingMigrations").asInt()).isEqualTo(1);
        assertThat(body.get("differences").findValuesAsString("object"))
                .contains("column public.users.note", "index public.users_name_idx", "column public.users.name");
        assertThat(body.get("plan").get("difference").asBoolean()).isTrue();
    }

    @Test
    void devWritesMigrationsTheLinterAcceptsAndAppliesThem() throws Exception {
        TestDatabase db = classDb.createAnother("dev");
        migration("20240101000000_create_users", USERS);
        schemaFile(
                "users.sql",
                USERS + "\nALTER TABLE users ADD COLUMN email text;\nCREATE INDEX users_email_idx ON users (email);");
        SlipwayJar slipway = new SlipwayJar(project);
        assertThat(slipway.run("deploy", "--url", url(db)).exitCode()).isZero();

        Run created = slipway.run("dev", "--name", "add_email", "--create-only", "--url", url(db));
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.stdout()).contains("Wrote:", "_add_email", "migration.sql", "slipway deploy --contract");
        List<Path> files = migrationFiles();
        assertThat(files).hasSizeGreaterThan(1);
        String written =
                String.join("\n", files.stream().map(SchemaCommandsIT::read).toList());
        assertThat(written).contains("ADD COLUMN", "CREATE INDEX CONCURRENTLY", "-- slipway:transaction off");
        Run lint = slipway.run("lint");
        assertThat(lint.exitCode()).as(lint.toString()).isZero();
        Run status = slipway.run("status", "--url", url(db));
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);

        Run again = slipway.run("dev", "--name", "add_email", "--url", url(db));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).contains("Nothing to write: ");

        TestDatabase other = classDb.createAnother("devapply");
        assertThat(slipway.run("deploy", "--url", url(other)).exitCode()).isZero();
        assertThat(slipway.run("drift", "--url", url(other)).exitCode()).isZero();
        Run diff = slipway.run(
                "diff", "--from", "url:" + url(other), "--to", "schema", "--exit-code", "--url", url(other));
        assertThat(diff.exitCode()).as(diff.toString()).isZero();
    }

    @Test
    void devAppliesToTheDevelopmentDatabaseAndStopsAtADataLossReasonToFill() throws Exception {
        TestDatabase db = classDb.createAnother("devapply");
        migration("20240101000000_create_users", USERS);
        schemaFile("users.sql", USERS + "\nALTER TABLE users ADD COLUMN email text;");
        SlipwayJar slipway = new SlipwayJar(project);

        Run dev = slipway.run("dev", "--name", "add_email", "--url", url(db));
        assertThat(dev.exitCode()).as(dev.toString()).isZero();
        assertThat(dev.stdout()).contains("Applied 20240101000000_create_users", "_add_email", "Done: ");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"
                        + " AND column_name = 'email'"))
                .isEqualTo(1);
        assertThat(slipway.run("drift", "--url", url(db)).exitCode()).isZero();

        db.execute("INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b')");
        schemaFile(
                "users.sql",
                USERS.replace(", name text NOT NULL", "").replace("CREATE INDEX users_name_idx ON users (name);", "")
                        + "\nALTER TABLE users ADD COLUMN email text;");
        Run drop = slipway.run("dev", "--name", "drop_name", "--url", url(db));
        assertThat(drop.exitCode()).as(drop.toString()).isEqualTo(2);
        assertThat(drop.stdout())
                .contains("Wrote:", "_drop_name", "Data loss", "2", "Written, not applied: ")
                .contains("slipway deploy --contract");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"
                        + " AND column_name = 'name'"))
                .isEqualTo(1);
    }

    @Test
    void aLoginWithoutCreatedbIsToldAboutShadowUrlAndAPasswordIsNeverPrinted() throws Exception {
        TestDatabase db = classDb.createAnother("nocreatedb");
        migration("20240101000000_create_users", USERS);
        String role = "slipway_nocreatedb_" + Long.toString(System.nanoTime(), 36);
        String shadow = db.name() + "_shadow";
        try {
            admin("CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD '" + SECRET + "'");
            admin("CREATE DATABASE " + shadow + " OWNER " + role);
            String login = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "user=" + role;
            SlipwayJar slipway = new SlipwayJar(project);

            Run refused =
                    slipway.run("diff", "--from", "empty", "--to", "migrations", "--url", login, "--password", SECRET);
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.stderr())
                    .contains(role, "may not create databases", "CREATEDB", "--shadow-url")
                    .doesNotContain(SECRET, "the shadow database URL", "SHADOW_URL");

            String shadowUrl = "postgresql://" + role + ":" + SECRET + "@" + hostPort(db) + "/" + shadow;
            Run viaShadow = slipway.run(
                    "diff",
                    "--from",
                    "empty",
                    "--to",
                    "migrations",
                    "--url",
                    login,
                    "--password",
                    SECRET,
                    "--shadow-url",
                    shadowUrl,
                    "--exit-code");
            assertThat(viaShadow.exitCode()).as(viaShadow.toString()).isEqualTo(2);
            assertThat(viaShadow.stdout()).contains("CREATE TABLE", "users").doesNotContain(SECRET);

            Run missing = slipway.run(
                    "diff",
                    "--from",
                    "url:postgresql://" + role + ":" + SECRET + "@" + hostPort(db) + "/no_such_database_here",
                    "--to",
                    "empty",
                    "--url",
                    login,
                    "--password",
                    SECRET);
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
            assertThat(missing.all()).contains("no_such_database_here").doesNotContain(SECRET);
        } finally {
            admin("DROP DATABASE IF EXISTS " + shadow + " WITH (FORCE)");
            admin("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void entitiesAreLeftToTheMavenPluginAndHelpReadsLikeAManPage() {
        SlipwayJar slipway = new SlipwayJar(project);
        Run entities =
                slipway.run(Map.of("SLIPWAY_URL", url(classDb)), "diff", "--from", "migrations", "--to", "entities");
        assertThat(entities.exitCode()).isEqualTo(1);
        assertThat(entities.stderr()).contains("--to entities", "Maven plugin", "schema:<folder>");

        for (String command : List.of("diff", "drift", "dev")) {
            Run help = slipway.run(command, "--help");
            assertThat(help.exitCode()).as(help.toString()).isZero();
            assertThat(help.stdout())
                    .as(command)
                    .contains(
                            "NAME",
                            "SYNOPSIS",
                            "DESCRIPTION",
                            "OPTIONS",
                            "EXIT CODES",
                            "EXAMPLES",
                            "--url",
                            "--shadow-url");
            assertThat(help.stderr()).as(command).isEmpty();
        }
        assertThat(slipway.run("diff", "--help").stdout()).contains("--script", "--exit-code", "schema:<folder>");
        assertThat(slipway.run("dev", "--help").stdout()).contains("--create-only", "--schema-folder");
    }

    private void admin(String sql) throws Exception {
        try (Connection connection = classDb.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void psql(TestDatabase db, Path file) throws Exception {
        String rest = db.jdbcUrl().substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
        ProcessBuilder builder = new ProcessBuilder(
                        "psql",
                        "-X",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-h",
                        host,
                        "-p",
                        port,
                        "-U",
                        db.username(),
                        "-d",
                        db.name(),
                        "-f",
                        file.toString())
                .redirectErrorStream(true);
        if (db.password() != null) {
            builder.environment().put("PGPASSWORD", db.password());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output.toLowerCase(Locale.ROOT)).doesNotContain("error");
    }

    private List<Path> migrationFiles() throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve("src/main/resources/db/migrations"))) {
            return files.filter(p -> p.getFileName().toString().equals("migration.sql"))
                    .filter(p -> !p.getParent().getFileName().toString().startsWith("20240101000000"))
                    .sorted()
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path migration(String folder, String sql) throws IOException {
        Path dir = Files.createDirectories(
                project.resolve("src/main/resources/db/migrations").resolve(folder));
        return Files.writeString(dir.resolve("migration.sql"), sql);
    }

    private Path schemaFile(String name, String sql) throws IOException {
        Path dir = Files.createDirectories(project.resolve("src/main/resources/db/schema"));
        return Files.writeString(dir.resolve(name), sql);
    }

    private static String url(TestDatabase db) {
        return db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "user=" + db.username();
    }

    private static String hostPort(TestDatabase db) {
        String rest = db.jdbcUrl().substring("jdbc:postgresql://".length());
        return rest.substring(0, rest.indexOf('/'));
    }
}
