package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.SlipwayJar.Run;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line as a user runs it: {@code java -jar slipway.jar ...} in a project folder, against the real
 * PostgreSQL, on an up-to-date, a pending, a failed and an invalid database. Each test has a database of its own.
 */
@PostgresTest
class SlipwayCliIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SECRET = "hunter2-Secret";

    @TempDir
    Path project;

    private final TestDatabase classDb;

    SlipwayCliIT(TestDatabase classDb) {
        this.classDb = classDb;
    }

    @Test
    void deploysThenReportsUpToDateInTextAndJson() throws IOException {
        TestDatabase db = classDb.createAnother("uptodate");
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text);");
        migration("20240102000000_add_email", "ALTER TABLE users ADD COLUMN email text;");
        SlipwayJar slipway = new SlipwayJar(project);

        Run deploy = slipway.run("deploy", "--url", url(db));
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.stdout())
                .contains(
                        "Applied 20240101000000_create_users",
                        "Applied 20240102000000_add_email",
                        "2 migrations applied");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"
                        + " AND column_name = 'email'"))
                .isEqualTo(1);

        Run status = slipway.run("status", "--url", url(db));
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout())
                .contains("VERSION", "APPLIED AT", "Lock: free", "Up to date: 2 migrations applied.")
                .containsPattern("20240101000000\\s+create_users\\s+expand\\s+APPLIED\\s+\\d{4}-\\d\\d-\\d\\d");
        assertThat(status.stdout()).doesNotContain("\u001b[");

        Run json = slipway.run("status", "--json", "--url", url(db));
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode body = JSON.readTree(json.stdout());
        assertThat(body.get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(body.get("migrations")).hasSize(2);
        assertThat(body.get("migrations").get(1).get("name").asString()).isEqualTo("add_email");
        assertThat(body.get("migrations").get(1).get("state").asString()).isEqualTo("APPLIED");
        assertThat(body.get("migrations").get(1).get("appliedBy").asString()).contains("slipway-cli");
        assertThat(body.get("lockHolder").isNull()).isTrue();
        assertThat(body.get("problems")).isEmpty();

        Run again = slipway.run("deploy", "--url", url(db));
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("Nothing to apply: the database is up to date.");

        Run validate = slipway.run("validate", "--url", url(db));
        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.stdout()).contains("Valid:");
    }

    @Test
    void pendingMigrationsExitWithTwo() throws IOException {
        TestDatabase db = classDb.createAnother("pending");
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text);");
        SlipwayJar slipway = new SlipwayJar(project);
        assertThat(slipway.run("deploy", "--url", url(db)).exitCode()).isZero();
        migration("20240102000000_add_email", "ALTER TABLE users ADD COLUMN email text;");
        migration("20240103000000_drop_name", "-- slipway:phase contract\nALTER TABLE users DROP COLUMN name;");

        Run status = slipway.run("status", "--url", url(db));
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
        assertThat(status.stdout())
                .containsPattern("20240102000000\\s+add_email\\s+expand\\s+PENDING")
                .containsPattern("20240103000000\\s+drop_name\\s+contract\\s+(PENDING|AWAITING)")
                .contains("run 'slipway deploy'");

        JsonNode body =
                JSON.readTree(slipway.run("status", "--json", "--url", url(db)).stdout());
        assertThat(body.get("state").asString()).isEqualTo("PENDING");
        assertThat(body.get("migrations").get(1).get("state").asString()).isEqualTo("PENDING");
        assertThat(body.get("migrations").get(2).get("phase").asString()).isEqualTo("CONTRACT");

        assertThat(slipway.run("validate", "--url", url(db)).exitCode()).isZero();

        Run deploy = slipway.run("deploy", "--url", url(db));
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.stdout())
                .contains("Applied 20240102000000_add_email")
                .doesNotContain("Applied 20240103000000_drop_name")
                .contains("1 contract migration is left for 'slipway deploy --contract'");

        Run contract = slipway.run("deploy", "--contract", "--url", url(db));
        assertThat(contract.exitCode()).as(contract.toString()).isZero();
        assertThat(contract.stdout()).contains("Applied 20240103000000_drop_name");
        assertThat(slipway.run("status", "--url", url(db)).exitCode()).isZero();
    }

    @Test
    void aFailedDeployNamesTheMigrationAndResolveSettlesIt() throws IOException {
        TestDatabase db = classDb.createAnother("failed");
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text);");
        migration("20240102000000_steps", """
                -- slipway:transaction off
                CREATE TABLE a (id int);
                ALTER TABLE a ADD COLUMN b int;
                CREATE TABLE c (id int);
                """);
        SlipwayJar slipway = new SlipwayJar(project);
        assertThat(slipway.run("deploy", "--url", url(db)).exitCode()).isZero();
        // The process applying 20240102000000 died after its first statement: what the second did is unknown, as
        // when a deploy or an application start is killed. Nothing starts until it is resolved.
        db.execute("DROP TABLE c");
        db.execute(
                "UPDATE slipway_migrations SET finished_at = NULL, applied_steps = 1 WHERE version = '20240102000000'");

        Run status = slipway.run("status", "--url", url(db));
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(1);
        assertThat(status.stdout())
                .containsPattern("20240102000000\\s+steps\\s+expand\\s+FAILED")
                .contains("slipway resolve");
        JsonNode body =
                JSON.readTree(slipway.run("status", "--json", "--url", url(db)).stdout());
        assertThat(body.get("state").asString()).isEqualTo("FAILED");

        Run deploy = slipway.run("deploy", "--url", url(db));
        assertThat(deploy.exitCode()).as(deploy.toString()).isEqualTo(1);
        assertThat(deploy.stderr()).contains("Error: ", "20240102000000_steps");
        assertThat(slipway.run("validate", "--url", url(db)).exitCode()).isEqualTo(1);

        // The operator finishes it by hand, then marks it applied.
        db.execute("CREATE TABLE c (id int)");
        Run resolve = slipway.run("resolve", "20240102000000", "--applied", "--url", url(db));
        assertThat(resolve.exitCode()).as(resolve.toString()).isZero();
        assertThat(resolve.stdout()).contains("20240102000000_steps is now APPLIED");

        Run after = slipway.run("status", "--url", url(db));
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(slipway.run("deploy", "--url", url(db)).exitCode()).isZero();
    }

    @Test
    void aMigrationWhoseFailureStoppedAnApplicationIsRolledBackAndRunsAgain() throws IOException {
        TestDatabase db = classDb.createAnother("rerun");
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text);");
        migration("20240102000000_bad", "ALTER TABLE users ADD COLUMN age int;\nSELECT 1 / 0;");
        SlipwayJar slipway = new SlipwayJar(project);

        Run deploy = slipway.run("deploy", "--url", url(db));
        assertThat(deploy.exitCode()).as(deploy.toString()).isEqualTo(1);
        assertThat(deploy.stdout()).contains("Applied 20240101000000_create_users", "Failed 20240102000000_bad");
        assertThat(deploy.stderr()).contains("20240102000000_bad", "division by zero");

        Run resolve = slipway.run("resolve", "20240102000000", "--rolled-back", "--url", url(db));
        assertThat(resolve.exitCode()).as(resolve.toString()).isZero();
        assertThat(resolve.stdout()).contains("ROLLED_BACK", "the next 'slipway deploy' runs it again");

        Files.writeString(
                project.resolve("src/main/resources/db/migrations/20240102000000_bad/migration.sql"),
                "ALTER TABLE users ADD COLUMN age int;\n");
        Run status = slipway.run("status", "--url", url(db));
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
        assertThat(slipway.run("deploy", "--url", url(db)).exitCode()).isZero();
    }

    @Test
    void aModifiedMigrationMakesTheDatabaseInvalid() throws IOException {
        TestDatabase db = classDb.createAnother("invalid");
        Path file = migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY);");
        SlipwayJar slipway = new SlipwayJar(project);
        assertThat(slipway.run("deploy", "--url", url(db)).exitCode()).isZero();
        Files.writeString(file, "CREATE TABLE users (id bigint PRIMARY KEY, name text);");

        Run status = slipway.run("status", "--url", url(db));
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(1);
        assertThat(status.stdout())
                .containsPattern("20240101000000\\s+create_users\\s+expand\\s+MODIFIED")
                .contains("Problem: ");

        Run validate = slipway.run("validate", "--url", url(db));
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
        assertThat(validate.stdout()).contains("20240101000000_create_users", "Invalid: 1 problem.");

        JsonNode body = JSON.readTree(
                slipway.run("validate", "--json", "--url", url(db)).stdout());
        assertThat(body.get("valid").asBoolean()).isFalse();
        assertThat(body.get("problems").get(0).get("state").asString()).isEqualTo("MODIFIED");
        assertThat(JSON.readTree(slipway.run("status", "--json", "--url", url(db))
                                .stdout())
                        .get("state")
                        .asString())
                .isEqualTo("INVALID");

        Run deploy = slipway.run("deploy", "--url", url(db));
        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(deploy.stderr()).contains("20240101000000_create_users");
    }

    @Test
    void connectsThroughAPrismaDatabaseUrlInTheEnvironment() throws IOException {
        TestDatabase db = classDb.createAnother("env");
        db.execute("CREATE SCHEMA app");
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY);");
        String databaseUrl = "postgresql://" + db.username() + ":" + SECRET + "@" + hostPort(db) + "/" + db.name()
                + "?schema=app&connection_limit=5";

        Run deploy = new SlipwayJar(project).run(Map.of("DATABASE_URL", databaseUrl), "deploy");

        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.all()).doesNotContain(SECRET);
        assertThat(db.queryLong("SELECT count(*) FROM app.slipway_migrations")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'app'"
                        + " AND table_name = 'users'"))
                .isEqualTo(1);

        Run json = new SlipwayJar(project).run(Map.of("DATABASE_URL", databaseUrl), "status", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.stdout()).doesNotContain(SECRET);
        assertThat(JSON.readTree(json.stdout()).get("schema").asString()).isEqualTo("app");
    }

    @Test
    void readsTheApplicationsConfigurationWithAProfile() throws IOException {
        TestDatabase db = classDb.createAnother("config");
        Path resources = Files.createDirectories(project.resolve("app/src/main/resources"));
        Path folder = Files.createDirectories(resources.resolve("db/changes/20240101000000_create_users"));
        Files.writeString(folder.resolve("migration.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);");
        Path yml = Files.writeString(resources.resolve("application.yml"), """
                spring:
                  datasource:
                    url: jdbc:postgresql://localhost:1/nowhere
                slipway:
                  locations: classpath:db/changes
                ---
                spring:
                  config.activate.on-profile: ci
                  datasource:
                    url: %s
                    username: %s
                    password: ${DB_PASSWORD}
                slipway:
                  schema: billing
                """.formatted(db.jdbcUrl(), db.username()));

        Run deploy = new SlipwayJar(project)
                .run(Map.of("DB_PASSWORD", SECRET), "deploy", "--config", yml.toString(), "--profile", "ci");

        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.stdout()).contains("Applied 20240101000000_create_users");
        assertThat(deploy.all()).doesNotContain(SECRET);
        assertThat(db.queryLong("SELECT count(*) FROM billing.slipway_migrations"))
                .isEqualTo(1);

        Path properties = Files.writeString(
                resources.resolve("application.properties"),
                "spring.datasource.url=" + db.jdbcUrl() + "\nslipway.locations=classpath:db/changes\n"
                        + "slipway.schema=billing\n");
        Run status = new SlipwayJar(project).run("status", "--config", properties.toString(), "--user", db.username());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains("create_users");

        Run overridden = new SlipwayJar(project).run("status", "--config", properties.toString(), "--schema", "other");
        assertThat(overridden.exitCode()).as(overridden.toString()).isEqualTo(2);
    }

    @Test
    void neverPrintsAPasswordItWasGiven() throws IOException {
        TestDatabase db = classDb.createAnother("secret");
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY);");
        SlipwayJar slipway = new SlipwayJar(project);
        List<Run> runs = new ArrayList<>();
        // A login the server does not know, a database that does not exist, a port nobody listens on.
        runs.add(
                slipway.run("status", "--url", "postgresql://nobody:" + SECRET + "@" + hostPort(db) + "/" + db.name()));
        runs.add(slipway.run(
                "status",
                "--json",
                "--url",
                "postgresql://" + db.username() + ":" + SECRET + "@" + hostPort(db) + "/no_such_db"));
        runs.add(slipway.run("deploy", "--url", "jdbc:postgresql://127.0.0.1:1/x?password=" + SECRET));
        runs.add(slipway.run(
                Map.of("PGPASSWORD", SECRET),
                "-v",
                "deploy",
                "--url",
                "postgresql://nobody@" + hostPort(db) + "/" + db.name()));
        runs.add(slipway.run("status", "--user", "nobody", "--password", SECRET, "--url", db.jdbcUrl()));
        runs.add(slipway.run("status", "--url", "mysql://root:" + SECRET + "@db/app"));
        for (Run run : runs) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.all()).as(run.toString()).contains("Error: ").doesNotContain(SECRET);
        }
        assertThat(runs.get(0).stderr()).contains("Cannot connect to", "nobody");
        assertThat(JSON.readTree(runs.get(1).stdout())
                        .get("error")
                        .get("message")
                        .asString())
                .contains("Cannot connect")
                .doesNotContain(SECRET);
        // And a successful run with the password in the URL prints it nowhere either.
        Run verbose = slipway.run(
                "-v",
                "deploy",
                "--url",
                "postgresql://" + db.username() + ":" + SECRET + "@" + hostPort(db) + "/" + db.name());
        assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
        assertThat(verbose.all()).doesNotContain(SECRET);
    }

    @Test
    void lintNamesRuleFileAndLineAndStartAfterLeavesOlderOnesOut() throws IOException {
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text);");
        migration("20240102000000_index_name", "-- an index\nCREATE INDEX users_name_idx ON users (name);");
        SlipwayJar slipway = new SlipwayJar(project);

        Run lint = slipway.run("lint");
        assertThat(lint.exitCode()).as(lint.toString()).isEqualTo(1);
        assertThat(lint.stdout())
                .contains(
                        "20240102000000_index_name/migration.sql:2:",
                        "[require-concurrent-index-creation]",
                        "CREATE INDEX CONCURRENTLY",
                        "Unsafe: 1 error");

        JsonNode body = JSON.readTree(slipway.run("lint", "--json").stdout());
        assertThat(body.get("errors").asInt()).isEqualTo(1);
        assertThat(body.get("findings").get(0).get("rule").asString()).isEqualTo("require-concurrent-index-creation");
        assertThat(body.get("findings").get(0).get("line").asInt()).isEqualTo(2);

        Run after = slipway.run("lint", "--start-after", "20240102000000");
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.stdout()).contains("Safe: 0 errors");

        Run bad = slipway.run("lint", "--start-after", "next-week");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
    }

    @Test
    void newCreatesAMigrationFolderInTheFirstLocation() throws IOException {
        SlipwayJar slipway = new SlipwayJar(project);

        Run expand = slipway.run("new", "Add display-name");
        Run contract = slipway.run("new", "drop_name", "--phase", "contract");

        assertThat(expand.exitCode()).as(expand.toString()).isZero();
        assertThat(contract.exitCode()).as(contract.toString()).isZero();
        Path migrations = project.resolve("src/main/resources/db/migrations");
        List<String> folders;
        try (Stream<Path> list = Files.list(migrations)) {
            folders = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(folders).hasSize(2);
        assertThat(folders.get(0)).matches("\\d{14}_add_display_name");
        assertThat(folders.get(1)).matches("\\d{14}_drop_name");
        assertThat(expand.stdout().trim()).endsWith(folders.get(0) + "/migration.sql");
        assertThat(Files.readString(migrations.resolve(folders.get(0)).resolve("migration.sql")))
                .startsWith("-- slipway:phase expand");
        assertThat(Files.readString(migrations.resolve(folders.get(1)).resolve("migration.sql")))
                .startsWith("-- slipway:phase contract");
        assertThat(slipway.run("lint").exitCode()).isZero();
    }

    @Test
    void baselineTakesOverASchemaBuiltByHand() throws IOException {
        TestDatabase db = classDb.createAnother("baseline");
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text)");
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY);");
        migration("20240102000000_add_email", "ALTER TABLE users ADD COLUMN email text;");
        migration("20240103000000_create_posts", "CREATE TABLE posts (id bigint PRIMARY KEY);");
        SlipwayJar slipway = new SlipwayJar(project);

        Run refused = slipway.run("deploy", "--url", url(db));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);

        Run baseline = slipway.run("baseline", "20240102000000", "--url", url(db));
        assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
        assertThat(baseline.stdout())
                .contains(
                        "Baseline 20240101000000_create_users",
                        "Baseline 20240102000000_add_email",
                        "2 migrations recorded as baseline");

        Run status = slipway.run("status", "--url", url(db));
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
        assertThat(status.stdout())
                .containsPattern("20240102000000\\s+add_email\\s+expand\\s+BASELINE")
                .containsPattern("20240103000000\\s+create_posts\\s+expand\\s+PENDING");
        Run deploy = slipway.run("deploy", "--url", url(db));
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.stdout())
                .contains("Applied 20240103000000_create_posts")
                .doesNotContain("Applied 20240101000000");

        Run again = slipway.run("baseline", "20240102000000", "--url", url(db));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("already has 3 rows");
    }

    @Test
    void rollbackRunsTheDownFilesOnlyWithYes() throws IOException {
        TestDatabase db = classDb.createAnother("rollback");
        migration("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY);");
        Path email = migration("20240102000000_add_email", "ALTER TABLE users ADD COLUMN email text;");
        Files.writeString(email.resolveSibling("down.sql"), "ALTER TABLE users DROP COLUMN email;");
        SlipwayJar slipway = new SlipwayJar(project);
        assertThat(slipway.run("deploy", "--url", url(db)).exitCode()).isZero();

        Run unconfirmed = slipway.run("rollback", "20240101000000", "--url", url(db));
        assertThat(unconfirmed.exitCode()).isEqualTo(1);
        assertThat(unconfirmed.stderr()).contains("--yes");
        assertThat(emailColumns(db)).isEqualTo(1);

        Run rollback = slipway.run("rollback", "20240101000000", "--yes", "--url", url(db));
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.stdout()).contains("Rolled back 20240102000000_add_email");
        assertThat(emailColumns(db)).isZero();
        Run status = slipway.run("status", "--url", url(db));
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.stdout()).containsPattern("20240102000000\\s+add_email\\s+expand\\s+ROLLED_BACK\\s*\n");
    }

    @Test
    void backfillStatusShowsProgressAndRefusesToPauseACompletedOne() throws Exception {
        TestDatabase db = classDb.createAnother("backfill");
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text, display_name text);"
                + "INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 250) g");
        Backfills backfills = Backfills.builder(db.dataSource()).build();
        backfills.run(
                Backfill.named("users_display_name")
                        .table("users")
                        .set("display_name = name")
                        .where("display_name IS NULL")
                        .batchSize(100)
                        .build(),
                StopSignal.create());
        SlipwayJar slipway = new SlipwayJar(project);

        Run status = slipway.run("backfill", "status", "--url", url(db));
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).containsPattern("users_display_name\\s+\\S*users\\s+COMPLETED\\s+100.0 %");

        JsonNode body = JSON.readTree(
                slipway.run("backfill", "status", "--json", "--url", url(db)).stdout());
        assertThat(body.get("backfills").get(0).get("state").asString()).isEqualTo("COMPLETED");
        assertThat(body.get("backfills").get(0).get("rowsUpdated").asLong()).isEqualTo(250);

        Run pause = slipway.run("backfill", "pause", "users_display_name", "--url", url(db));
        assertThat(pause.exitCode()).as(pause.toString()).isEqualTo(1);
        assertThat(pause.stderr()).contains("users_display_name");
        Run unknown = slipway.run("backfill", "status", "nope", "--url", url(db));
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("No backfill named nope");

        Files.createDirectories(project.resolve("src/main/resources/db/migrations"));
        Run overallRun = slipway.run("status", "--json", "--url", url(db));
        JsonNode overall = JSON.readTree(overallRun.stdout());
        assertThat(overall.get("backfills")).as(overallRun.toString()).isNotNull();
        assertThat(overall.get("backfills").get(0).get("name").asString()).isEqualTo("users_display_name");
    }

    @Test
    void backfillStatusWatchFollowsTheRowsUntilTheBackfillCompletesFailsOrIsPaused() throws Exception {
        TestDatabase db = classDb.createAnother("watch");
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text, display_name text);"
                + "INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 100) g");
        Backfills.builder(db.dataSource())
                .build()
                .run(
                        Backfill.named("users_display_name")
                                .table("users")
                                .set("display_name = name")
                                .where("display_name IS NULL")
                                .build(),
                        StopSignal.create());
        SlipwayJar slipway = new SlipwayJar(project);

        // The backfill's record, as an instance running it advances it: 0, 3,000, 6,000 and 9,000 of 10,000 rows.
        advance(db, "RUNNING", 0);
        SlipwayJar.Running watch =
                slipway.start("backfill", "status", "users_display_name", "--watch", "--url", url(db));
        awaitOutput(watch, "users_display_name: RUNNING, 0.0 %, 0 / 10000 rows");
        for (long rows : new long[] {3_000, 6_000, 9_000}) {
            Thread.sleep(1_300);
            advance(db, "RUNNING", rows);
            awaitOutput(watch, rows + " / 10000 rows");
        }
        assertThat(watch.isAlive()).isTrue();
        db.execute("UPDATE slipway_backfills SET state = 'COMPLETED', rows_processed = 10000, finished_at = now()");
        Run completed = watch.await();

        assertThat(completed.exitCode()).as(completed.toString()).isZero();
        assertThat(completed.stderr())
                .containsPattern("users_display_name: RUNNING, 30.0 %, 3000 / 10000 rows, \\d+ rows/s, ETA \\d+ s\n")
                .contains("users_display_name: RUNNING, 60.0 %, 6000 / 10000 rows")
                .contains("users_display_name: RUNNING, 90.0 %, 9000 / 10000 rows")
                .contains("users_display_name: COMPLETED, 100.0 %, 10000 / 10000 rows\n")
                .doesNotContain("\r");
        assertThat(completed.stderr().lines().filter(l -> l.contains("RUNNING")))
                .hasSize(4);
        assertThat(completed.stdout()).containsPattern("users_display_name\\s+\\S*users\\s+COMPLETED\\s+100.0 %");

        advance(db, "RUNNING", 5_000);
        SlipwayJar.Running paused = slipway.start("backfill", "status", "--watch", "--url", url(db));
        awaitOutput(paused, "users_display_name: RUNNING, 50.0 %");
        assertThat(slipway.run("backfill", "pause", "users_display_name", "--url", url(db))
                        .exitCode())
                .isZero();
        Run pausedRun = paused.await();
        assertThat(pausedRun.exitCode()).as(pausedRun.toString()).isEqualTo(2);
        assertThat(pausedRun.stderr()).contains("users_display_name: PAUSED, 50.0 %");

        advance(db, "RUNNING", 5_000);
        SlipwayJar.Running failing =
                slipway.start("backfill", "status", "users_display_name", "--watch", "--json", "--url", url(db));
        awaitOutput(failing, "users_display_name: RUNNING, 50.0 %");
        db.execute("UPDATE slipway_backfills SET state = 'FAILED', last_error = 'ERROR: value too long'");
        Run failed = failing.await();
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        JsonNode body = JSON.readTree(failed.stdout());
        assertThat(body.get("backfills").get(0).get("state").asString()).isEqualTo("FAILED");
        assertThat(body.get("backfills").get(0).get("lastError").asString()).isEqualTo("ERROR: value too long");
    }

    private static void advance(TestDatabase db, String state, long rows) {
        db.execute(
                "UPDATE slipway_backfills SET state = '" + state + "', rows_processed = " + rows
                        + ", rows_estimated = 10000, sweeping = false, finished_at = NULL, last_error = NULL, updated_at = now()");
    }

    @Test
    void showsWhoHoldsTheMigrationLockAndADeployWaitsForIt() throws Exception {
        TestDatabase db = classDb.createAnother("lock");
        migration("20240101000000_create_gate", "CREATE TABLE gate (id int);");
        SlipwayJar slipway = new SlipwayJar(project);
        assertThat(slipway.run("deploy", "--url", url(db)).exitCode()).isZero();
        migration("20240102000000_fill_gate", "INSERT INTO gate VALUES (1);");
        try (Connection holder = db.connect()) {
            // The test holds the table the migration writes: the first deploy takes the migration lock, then its
            // INSERT waits (retried on lock_timeout) until the test lets go.
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE gate IN ACCESS EXCLUSIVE MODE");
            SlipwayJar.Running first = slipway.start("deploy", "--url", url(db) + "&ApplicationName=first-deploy");
            try {
                JsonNode lock = awaitLockHolder(slipway, db, first);
                assertThat(lock.get("pid").asInt()).isPositive();

                Run status = slipway.run("status", "--url", url(db));
                assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
                assertThat(status.stdout()).containsPattern("Lock: held by pid \\d+");

                SlipwayJar.Running second = slipway.start("deploy", "--url", url(db));
                awaitOutput(
                        second,
                        "Waiting for the migration lock, held by pid "
                                + lock.get("pid").asInt());
                awaitOutput(
                        first,
                        "20240102000000_fill_gate: statement 1 (line 1) could not get its lock "
                                + "(SQLSTATE 55P03), attempt 1; retrying in");
                holder.commit();

                Run firstRun = first.await();
                assertThat(firstRun.exitCode()).as(firstRun.toString()).isZero();
                assertThat(firstRun.stdout()).contains("Applied 20240102000000_fill_gate");
                Run secondRun = second.await();
                assertThat(secondRun.exitCode()).as(secondRun.toString()).isZero();
                assertThat(secondRun.stderr()).containsOnlyOnce("Waiting for the migration lock");
                assertThat(secondRun.stdout())
                        .contains("Took the migration lock after", "Nothing to apply: the database is up to date.");
            } finally {
                first.kill();
            }
        }
        assertThat(db.queryLong("SELECT count(*) FROM gate")).isEqualTo(1);
    }

    @Test
    void deployShowsASlowStatementAndOneOutsideATransactionWithTheirNumberAndLine() throws IOException {
        TestDatabase db = classDb.createAnother("progress");
        migration("20240101000000_slow", """
                CREATE TABLE slow (id bigint PRIMARY KEY);
                -- wait, as a long data change would
                SELECT pg_sleep(3);
                """);
        Path index = migration("20240102000000_index", "CREATE INDEX CONCURRENTLY slow_id_idx ON slow (id);\n");
        Files.writeString(index.resolveSibling("down.sql"), "DROP INDEX CONCURRENTLY slow_id_idx;\n");
        SlipwayJar slipway = new SlipwayJar(project);

        Run deploy = slipway.run("deploy", "--url", url(db));

        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.stderr())
                .containsPattern("20240101000000_slow: statement 2 of 2 \\(line 3\\), running for [23] s: "
                        + "SELECT pg_sleep\\(3\\)\n")
                .contains("20240102000000_index: statement 1 of 1 (line 1), outside a transaction: "
                        + "CREATE INDEX CONCURRENTLY slow_id_idx ON slow (id)\n")
                .doesNotContain("statement 1 of 2")
                .doesNotContain("\r");
        assertThat(deploy.stdout()).contains("Applied 20240101000000_slow", "Applied 20240102000000_index");

        Run rollback = slipway.run("rollback", "20240101000000", "--yes", "--url", url(db));
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.stderr())
                .contains("rolling back 20240102000000_index: statement 1 of 1 (line 1 of down.sql), outside a "
                        + "transaction: DROP INDEX CONCURRENTLY slow_id_idx");
    }

    private static JsonNode awaitLockHolder(SlipwayJar slipway, TestDatabase db, SlipwayJar.Running deploy)
            throws Exception {
        for (int i = 0; i < 60; i++) {
            if (!deploy.isAlive()) {
                throw new AssertionError("The deploy ended before it was seen holding the lock: " + deploy.await());
            }
            JsonNode lock = JSON.readTree(
                            slipway.run("status", "--json", "--url", url(db)).stdout())
                    .get("lockHolder");
            if (lock != null && !lock.isNull()) {
                return lock;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No deploy took the migration lock");
    }

    private static void awaitOutput(SlipwayJar.Running running, String text) throws Exception {
        for (int i = 0; i < 240; i++) {
            if (running.stderrSoFar().contains(text)) {
                return;
            }
            if (!running.isAlive() && !running.stderrSoFar().contains(text)) {
                throw new AssertionError("slipway ended without printing '" + text + "': " + running.await());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The deploy never printed '" + text + "': " + running.stderrSoFar());
    }

    private static long emailColumns(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"
                + " AND column_name = 'email'");
    }

    @Test
    void helpReadsLikeAManPageAndAWrongOptionExitsWithOne() {
        SlipwayJar slipway = new SlipwayJar(project);

        Run help = slipway.run("status", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout())
                .contains(
                        "NAME",
                        "SYNOPSIS",
                        "DESCRIPTION",
                        "OPTIONS",
                        "EXIT CODES",
                        "EXAMPLES",
                        "--url",
                        "--json",
                        "DATABASE_URL");

        for (String[] command :
                new String[][] {{"deploy", "--help"}, {"rollback", "--help"}, {"backfill", "status", "--help"}}) {
            Run page = slipway.run(command);
            assertThat(page.exitCode()).as(page.toString()).isZero();
            assertThat(page.stdout())
                    .as(String.join(" ", command))
                    .contains("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT CODES", "EXAMPLES", "--url");
            assertThat(page.stderr()).as(String.join(" ", command)).isEmpty();
        }
        assertThat(slipway.run("backfill", "status", "--help").stdout())
                .contains("--watch", "2   with --watch: a backfill is paused");
        assertThat(slipway.run("deploy", "--help").stdout()).contains("running after 2 s");

        Run wrong = slipway.run("status", "--frobnicate");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.stderr()).contains("--frobnicate", "slipway status --help");

        Run noDatabase = slipway.run("status");
        assertThat(noDatabase.exitCode()).isEqualTo(1);
        assertThat(noDatabase.stderr()).contains("No database to connect to.", "DATABASE_URL");

        Run noFolder = slipway.run("lint");
        assertThat(noFolder.exitCode()).isEqualTo(1);
        assertThat(noFolder.stderr())
                .contains("src/main/resources/db/migrations does not exist", "--locations")
                .doesNotContain("slipway.locations");
    }

    private Path migration(String folder, String sql) throws IOException {
        Path dir = Files.createDirectories(
                project.resolve("src/main/resources/db/migrations").resolve(folder));
        return Files.writeString(dir.resolve("migration.sql"), sql);
    }

    private static String url(TestDatabase db) {
        return db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "user=" + db.username();
    }

    private static String hostPort(TestDatabase db) {
        String rest = db.jdbcUrl().substring("jdbc:postgresql://".length());
        return rest.substring(0, rest.indexOf('/'));
    }
}
