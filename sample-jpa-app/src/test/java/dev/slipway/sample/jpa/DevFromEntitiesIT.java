package dev.slipway.sample.jpa;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code slipway:dev} from the entities, as a user runs it: a real Maven ({@code mvnw}, offline) on a copy of this
 * module, configured by its own {@code application.properties} (the database through {@code JPA_DB_URL}). The plugin
 * and the reactor's modules come from {@code target/it-repo} (installed by the invoker plugin before this test), the
 * rest from the shared local repository as a read-only tail.
 */
@PostgresTest
class DevFromEntitiesIT {

    private final TestDatabase classDb;

    DevFromEntitiesIT(TestDatabase classDb) {
        this.classDb = classDb;
    }

    @Test
    void devWritesTheMigrationOfANewFieldAfterWhichTheMigrationsGiveTheEntities() throws Exception {
        TestDatabase db = classDb.createAnother("jpa_dev");
        Path project = project("dev");
        Path customer = project.resolve("src/main/java/dev/slipway/sample/jpa/Customer.java");
        String source = Files.readString(customer);
        Files.writeString(
                customer,
                source.replace(
                        "    @Column(nullable = false)\n    private Instant createdAt;",
                        "    @Column(nullable = false)\n    private Instant createdAt;\n\n"
                                + "    @Column(length = 32)\n    private String phone;"));
        assertThat(Files.readString(customer)).contains("private String phone;");

        Run dev = maven(project, db, "-Dslipway.name=add_phone", "-Dslipway.createOnly=true", "compile", "slipway:dev");

        assertThat(dev.exitCode()).as(dev.output()).isZero();
        assertThat(dev.output()).contains("exported by Hibernate to", "Created only (createOnly)", "BUILD SUCCESS");
        Path migrations = project.resolve("src/main/resources/db/migrations");
        Path written;
        try (Stream<Path> folders = Files.list(migrations)) {
            written = folders.filter(p -> p.getFileName().toString().matches("\\d{14}_add_phone"))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("no <version>_add_phone in " + migrations + "\n" + dev.output()));
        }
        assertThat(dev.output()).contains(written.resolve("migration.sql").toString());
        assertThat(Files.readString(written.resolve("migration.sql")))
                .contains("ALTER TABLE public.customer ADD COLUMN phone character varying(32)")
                .doesNotContain("DROP", "purchase_order");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 'customer'"))
                .as("createOnly applies nothing")
                .isZero();

        Run applied = maven(
                project,
                db,
                "-Dslipway.from=migrations:classpath:db/migrations",
                "-Dslipway.to=entities",
                "-Dslipway.failOnDifference",
                "slipway:deploy",
                "slipway:diff",
                "slipway:drift");

        assertThat(applied.exitCode()).as(applied.output()).isZero();
        assertThat(applied.output())
                .contains(
                        "Applied 20260101000000_create_shop",
                        "Applied " + written.getFileName(),
                        "No difference from migrations:classpath:db/migrations to entities.",
                        "No drift:",
                        "BUILD SUCCESS");
        assertThat(db.queryString("SELECT data_type || '(' || character_maximum_length || ')' FROM"
                        + " information_schema.columns WHERE table_name = 'customer' AND column_name = 'phone'"))
                .isEqualTo("character varying(32)");
    }

    /** A copy of this module (pom and sources) under target/it-work. */
    private static Path project(String name) throws IOException {
        Path module = Path.of(property("slipway.it.project"));
        Path target = Path.of(property("slipway.it.work")).resolve(name);
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(target);
        Files.copy(module.resolve("pom.xml"), target.resolve("pom.xml"));
        Path sources = module.resolve("src/main");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path from : files.toList()) {
                Path to = target.resolve("src/main")
                        .resolve(sources.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: this test runs with failsafe after 'package'");
        }
        return value;
    }

    record Run(int exitCode, String output) {}

    /** Maven, offline, on the project, with the test's repository first and the shared one as a read-only tail. */
    private static Run maven(Path project, TestDatabase db, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                property("slipway.it.mvnw"),
                "-B",
                "-o",
                "-Dmaven.repo.local=" + property("slipway.it.repo"),
                "-Dmaven.repo.local.tail=" + property("slipway.it.tail"),
                "-DJPA_DB_URL=" + db.jdbcUrl(),
                "-DJPA_DB_USER=" + db.username(),
                "-f",
                project.resolve("pom.xml").toString()));
        command.addAll(List.of(goals));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
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
