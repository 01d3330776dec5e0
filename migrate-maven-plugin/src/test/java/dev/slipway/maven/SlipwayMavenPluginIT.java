package dev.slipway.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin as a user runs it: a real Maven ({@code mvnw}, offline) on a small Spring Boot project configured by
 * its own {@code application.properties} (the URL comes from the test as the user property {@code SHOP_DB_URL},
 * which the file names as {@code ${SHOP_DB_URL}}). The plugin and the reactor's modules are read from
 * {@code target/it-repo} (installed there before this test by the invoker plugin), everything else from the shared
 * local repository as a read-only tail. One Maven per test, started from the folder above the project.
 */
@PostgresTest
class SlipwayMavenPluginIT {

    private static final String SECRET = "hunter2-Secret";

    private final TestDatabase classDb;

    SlipwayMavenPluginIT(TestDatabase classDb) {
        this.classDb = classDb;
    }

    @Test
    void deploysThenPrintsTheStatusFromApplicationProperties() throws Exception {
        TestDatabase db = classDb.createAnother("plugin_deploy");
        Path project = project("deploy");

        Run run = maven(project, db, "slipway:deploy", "slipway:status");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains(
                        "Applied 20240101000000_create_users",
                        "Applied 20240102000000_add_email",
                        "Done: 2 migrations applied.",
                        "Lock: free",
                        "Up to date: 2 migrations applied.",
                        "BUILD SUCCESS")
                .containsPattern("20240102000000\\s+add_email\\s+expand\\s+APPLIED\\s+\\d{4}-\\d\\d-\\d\\d")
                .doesNotContain(SECRET);
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"
                        + " AND column_name = 'email'"))
                .isEqualTo(1);
        assertThat(db.queryString("SELECT applied_by FROM slipway_migrations WHERE version = '20240102000000'"))
                .contains("slipway-maven-plugin");
    }

    @Test
    void lintFailsTheBuildNamingTheRule() throws Exception {
        Path project = project("lint");
        migration(project, "20240103000000_index_name", "CREATE INDEX users_name_idx ON users (name);\n");

        Run run = maven(project, null, "slipway:lint");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains(
                        "BUILD FAILURE",
                        "require-concurrent-index-creation",
                        "20240103000000_index_name",
                        "CREATE INDEX CONCURRENTLY",
                        "Unsafe: 1 error");
    }

    @Test
    void validateFailsTheBuildOnAModifiedFile() throws Exception {
        TestDatabase db = classDb.createAnother("plugin_validate");
        Path project = project("validate");
        Slipway.builder(db.dataSource())
                .config(dev.slipway.migrate.SlipwayConfig.builder()
                        .locations(List.of("filesystem:" + project.resolve("src/main/resources/db/migrations")))
                        .build())
                .build()
                .migrate();
        migration(
                project,
                "20240101000000_create_users",
                "CREATE TABLE users (id bigint PRIMARY KEY, name text, " + "born date);\n");

        Run run = maven(project, db, "slipway:validate");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains("BUILD FAILURE", "20240101000000_create_users", "Invalid: 1 problem.")
                .doesNotContain(SECRET);
    }

    @Test
    void lintAndNewUseTheChosenProfilesLocationInTheProject() throws Exception {
        Path project = project("new");
        Files.writeString(
                project.resolve("src/main/resources/application-ci.properties"),
                "slipway.locations=filesystem:db/ci-migrations\n");
        Path migrations = project.resolve("db/ci-migrations");
        Path unsafe = Files.createDirectories(migrations.resolve("20240103000000_index_name"));
        Files.writeString(unsafe.resolve("migration.sql"), "CREATE INDEX users_name_idx ON users (name);\n");

        Run run = maven(
                project,
                null,
                "-Dslipway.profile=ci",
                "-Dslipway.startAfter=20240103000000",
                "-Dslipway.name=Add display name",
                "-Dslipway.phase=contract",
                "slipway:lint",
                "slipway:new");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains(
                        "Safe: 0 errors, 0 warnings in filesystem:" + migrations,
                        "(after 20240103000000)",
                        "BUILD SUCCESS");
        try (Stream<Path> created = Files.list(migrations)) {
            Path folder = created.filter(p -> p.getFileName().toString().matches("\\d{14}_add_display_name"))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("no <version>_add_display_name in " + migrations + "\n" + run.output()));
            assertThat(Files.readString(folder.resolve("migration.sql"))).startsWith("-- slipway:phase contract");
            assertThat(run.output()).contains(folder.resolve("migration.sql").toString());
        }
    }

    @Test
    void resolveSettlesAFailedMigrationThatStatusThenShows() throws Exception {
        TestDatabase db = classDb.createAnother("plugin_resolve");
        Path project = project("resolve");
        migration(project, "20240103000000_add_phone", "ALTER TABLE customers ADD COLUMN phone text;\n");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(dev.slipway.migrate.SlipwayConfig.builder()
                        .locations(List.of("filesystem:" + project.resolve("src/main/resources/db/migrations")))
                        .build())
                .build();
        assertThatThrownBy(slipway::migrate).isInstanceOf(SlipwayException.class);

        Run run = maven(
                project,
                db,
                "-Dslipway.version=20240103000000",
                "-Dslipway.rolledBack",
                "slipway:resolve",
                "slipway:status");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("Resolved: 20240103000000_add_phone is now ROLLED_BACK", "Pending: 1 migration to apply")
                .containsPattern("20240103000000\\s+add_phone\\s+expand\\s+ROLLED_BACK")
                .containsPattern("20240102000000\\s+add_email\\s+expand\\s+APPLIED")
                .containsPattern("last error: Migration 20240103000000_add_phone failed .*customers");
    }

    @Test
    void statusFailsTheBuildOnAPendingMigrationOnlyWithFailOnPending() throws Exception {
        TestDatabase db = classDb.createAnother("plugin_pending");
        Path project = project("pending");
        Slipway.builder(db.dataSource())
                .config(dev.slipway.migrate.SlipwayConfig.builder()
                        .locations(List.of("filesystem:" + project.resolve("src/main/resources/db/migrations")))
                        .build())
                .build()
                .migrate();
        migration(project, "20240103000000_add_phone", "ALTER TABLE users ADD COLUMN phone text;\n");

        Run run = maven(project, db, "-Dslipway.failOnPending", "slipway:status");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .containsPattern("20240103000000\\s+add_phone\\s+expand\\s+PENDING")
                .contains(
                        "BUILD FAILURE",
                        "is not up to date (failOnPending):",
                        "-> 20240103000000_add_phone (PENDING)",
                        "mvn slipway:deploy")
                .doesNotContain(SECRET);
    }

    @Test
    void diffPrintsThePlanToTheSchemaFolderAndFailsOnDifferenceWhenAsked() throws Exception {
        TestDatabase db = classDb.createAnother("plugin_diff");
        Path project = project("diff");
        Path schema = Files.createDirectories(project.resolve("src/main/resources/db/schema"));
        Files.writeString(
                schema.resolve("users.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY, name text, email text, phone text);\n");

        Run shown = maven(project, db, "slipway:diff");
        Run failed = maven(project, db, "-Dslipway.failOnDifference", "-Dslipway.script", "slipway:diff");

        assertThat(shown.exitCode()).as(shown.output()).isZero();
        assertThat(shown.output())
                .contains(
                        "Plan from migrations to schema: 1 statement.",
                        "ALTER TABLE public.users ADD COLUMN phone text;")
                .containsPattern("-- column public\\.users\\.phone \\[expand\\]")
                .doesNotContain(SECRET);
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output())
                .contains(
                        "ALTER TABLE public.users ADD COLUMN phone text;",
                        "The schemas differ from migrations to schema: 1 statement",
                        "mvn slipway:dev",
                        "BUILD FAILURE");
    }

    @Test
    void driftFailsTheBuildNamingAColumnAddedByHand() throws Exception {
        TestDatabase db = classDb.createAnother("plugin_drift");
        Path project = project("drift");
        Slipway.builder(db.dataSource())
                .config(dev.slipway.migrate.SlipwayConfig.builder()
                        .locations(List.of("filesystem:" + project.resolve("src/main/resources/db/migrations")))
                        .build())
                .build()
                .migrate();

        Run clean = maven(project, db, "slipway:drift");
        db.execute("ALTER TABLE users ADD COLUMN nickname text");
        Run drifted = maven(project, db, "slipway:drift");

        assertThat(clean.exitCode()).as(clean.output()).isZero();
        assertThat(clean.output()).contains("No drift: ", "matches the migrations in filesystem:");
        assertThat(drifted.exitCode()).as(drifted.output()).isEqualTo(1);
        assertThat(drifted.output())
                .contains("Drift: ", "differs from the migrations", "nickname", "BUILD FAILURE")
                .doesNotContain(SECRET);
    }

    /** A fresh copy of the test project under target/it-work. */
    private static Path project(String name) throws IOException {
        Path template = Path.of(property("slipway.it.project"));
        Path target = Path.of(property("slipway.it.work")).resolve(name);
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(template)) {
            for (Path from : files.toList()) {
                Path to = target.resolve(template.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    private static void migration(Path project, String folder, String sql) throws IOException {
        Path dir = Files.createDirectories(
                project.resolve("src/main/resources/db/migrations").resolve(folder));
        Files.writeString(dir.resolve("migration.sql"), sql);
    }

    /** A path or version the build passes to the test (see the failsafe configuration in the pom). */
    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: this test runs with failsafe after 'package'");
        }
        return value;
    }

    record Run(int exitCode, String output) {}

    /** Maven, offline, on the project (-f), with the test's repository first and the shared one as a read-only tail. */
    private static Run maven(Path project, TestDatabase db, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                property("slipway.it.mvnw"),
                "-B",
                "-o",
                "-Dmaven.repo.local=" + property("slipway.it.repo"),
                "-Dmaven.repo.local.tail=" + property("slipway.it.tail"),
                "-DslipwayPluginVersion=" + property("slipway.it.version")));
        if (db != null) {
            command.add("-DSHOP_DB_URL=" + db.jdbcUrl());
            command.add("-DSHOP_DB_USER=" + db.username());
        }
        command.addAll(List.of("-f", project.resolve("pom.xml").toString()));
        command.addAll(List.of(goals));
        // Started from the folder above the project, as in a multi-module build: relative folders are the project's.
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.getParent().toFile())
                .redirectErrorStream(true);
        for (String variable :
                List.of("DATABASE_URL", "SLIPWAY_URL", "PGUSER", "PGPASSWORD", "MAVEN_ARGS", "MAVEN_OPTS")) {
            builder.environment().remove(variable);
        }
        Path log = Files.createTempFile(project, "maven", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "Maven did not end within 5 minutes:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
