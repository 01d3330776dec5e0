package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.SlipwayJar.Run;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code slipway adopt [--dry-run]} through the jar: on a history written by the real Flyway, and on a
 * {@code _prisma_migrations} table written as Prisma writes it. Each test has a database of its own.
 */
@PostgresTest
class AdoptCommandIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path project;

    private final TestDatabase classDb;

    AdoptCommandIT(TestDatabase classDb) {
        this.classDb = classDb;
    }

    @Test
    void dryRunShowsFlywaysHistoryWithoutWritingAndAdoptImportsItWithoutRunningAnything() throws IOException {
        TestDatabase db = classDb.createAnother("flyway");
        Path folder = Files.createDirectories(project.resolve("sql"));
        Files.writeString(folder.resolve("V1__create_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Files.writeString(folder.resolve("V2__add_email.sql"), "ALTER TABLE users ADD COLUMN email text;\n");
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password() == null ? "" : db.password())
                .locations("filesystem:" + folder)
                .load()
                .migrate();
        Files.writeString(folder.resolve("V3__create_posts.sql"), "CREATE TABLE posts (id bigint PRIMARY KEY);\n");
        SlipwayJar slipway = new SlipwayJar(project);
        String locations = "filesystem:" + folder;

        Run dryRun = slipway.run("adopt", "--dry-run", "--url", url(db), "--locations", locations);
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout())
                .containsPattern(
                        "1\\s+create_users\\s+matches\\s+(public\\.)?flyway_schema_history \\(installed by \\S+, rank 1\\)")
                .containsPattern(
                        "2\\s+add_email\\s+matches\\s+(public\\.)?flyway_schema_history \\(installed by \\S+, rank 2\\)")
                .contains("Would import 2 migrations from Flyway's history public.flyway_schema_history")
                .doesNotContain("create_posts");
        assertThat(db.queryString("SELECT to_regclass('slipway_migrations')::text"))
                .as("nothing written")
                .isNull();

        Run json = slipway.run("adopt", "--dry-run", "--json", "--url", url(db), "--locations", locations);
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode plan = JSON.readTree(json.stdout());
        assertThat(plan.get("result").asString()).isEqualTo("IMPORT");
        assertThat(plan.get("tool").asString()).isEqualTo("Flyway");
        assertThat(plan.get("migrations")).hasSize(2);
        assertThat(plan.get("migrations").get(1).get("checksum").asString()).isEqualTo("matches");

        Run adopt = slipway.run("adopt", "--url", url(db), "--locations", locations);
        assertThat(adopt.exitCode()).as(adopt.toString()).isZero();
        assertThat(adopt.stdout()).contains("Done: 2 migrations imported from Flyway's history");
        assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations")).isEqualTo(2);
        assertThat(db.queryString("SELECT to_regclass('posts')::text"))
                .as("no migration ran")
                .isNull();

        Run status = slipway.run("status", "--url", url(db), "--locations", locations);
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
        assertThat(status.stdout())
                .containsPattern("2\\s+add_email\\s+expand\\s+BASELINE")
                .containsPattern("3\\s+create_posts\\s+expand\\s+PENDING");

        Run again = slipway.run("adopt", "--dry-run", "--url", url(db), "--locations", locations);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout()).contains("Nothing to import: slipway_migrations", "has rows already");
    }

    @Test
    void aPrismaHistoryThatDoesNotMatchItsFilesIsRefusedNamingTheMigrationAndWhatToDo() throws Exception {
        TestDatabase db = classDb.createAnother("prisma");
        Path migrations = project.resolve("prisma/migrations");
        String init = "CREATE TABLE accounts (id bigint PRIMARY KEY);\n";
        String orders = "CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint);\n";
        write(migrations, "20240101000000_init", init);
        write(migrations, "20240102000000_orders", orders);
        db.execute(init + orders);
        // The table and rows as Prisma's migrate deploy writes them
        db.execute(
                "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL,"
                        + " finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT,"
                        + " rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
                        + " applied_steps_count INTEGER NOT NULL DEFAULT 0)");
        prismaRow(db, "20240101000000_init", init);
        prismaRow(db, "20240102000000_orders", orders);
        SlipwayJar slipway = new SlipwayJar(project);
        String locations = "filesystem:" + migrations;

        Run dryRun = slipway.run("adopt", "--dry-run", "--url", url(db), "--locations", locations);
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout())
                .containsPattern("20240101000000\\s+init\\s+matches\\s+_prisma_migrations \\(Prisma\\)")
                .containsPattern("20240102000000\\s+orders\\s+matches\\s+_prisma_migrations \\(Prisma\\)")
                .contains("Would import 2 migrations from Prisma's history public._prisma_migrations");

        write(migrations, "20240102000000_orders", orders + "CREATE INDEX ON orders (account_id);\n");
        Run refused = slipway.run("adopt", "--dry-run", "--url", url(db), "--locations", locations);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stdout())
                .contains(
                        "Refused: the history in public._prisma_migrations cannot be imported",
                        "20240102000000_orders",
                        "  -> ");
        Run adopt = slipway.run("adopt", "--url", url(db), "--locations", locations);
        assertThat(adopt.exitCode()).as(adopt.toString()).isEqualTo(1);
        assertThat(adopt.stdout()).contains("nothing was written", "20240102000000_orders");
        assertThat(db.queryString("SELECT to_regclass('slipway_migrations')::text"))
                .as("nothing written")
                .isNull();
    }

    @Test
    void aSchemaWithoutAnotherToolsHistoryHasNothingToImport() throws IOException {
        TestDatabase db = classDb.createAnother("none");
        Path folder = Files.createDirectories(project.resolve("sql"));
        Files.writeString(folder.resolve("V1__create_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Run run = new SlipwayJar(project)
                .run("adopt", "--dry-run", "--url", url(db), "--locations", "filesystem:" + folder);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("Nothing to import:", "slipway baseline <version>");
    }

    private static void write(Path migrations, String name, String sql) throws IOException {
        Path dir = Files.createDirectories(migrations.resolve(name));
        Files.writeString(dir.resolve("migration.sql"), sql, StandardCharsets.UTF_8);
    }

    private static void prismaRow(TestDatabase db, String name, String sql) throws NoSuchAlgorithmException {
        String checksum = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
        db.execute("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at,"
                + " applied_steps_count) VALUES (gen_random_uuid()::text, '" + checksum + "', now(), '" + name
                + "', now(), 1)");
    }

    private static String url(TestDatabase db) {
        return db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "user=" + db.username();
    }
}
