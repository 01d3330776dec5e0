package dev.slipway.migrate.internal.discovery;

import static dev.slipway.migrate.internal.discovery.MigrationFiles.jar;
import static dev.slipway.migrate.internal.discovery.MigrationFiles.refusal;
import static dev.slipway.migrate.internal.discovery.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.MigrationLocationNotFoundException;
import dev.slipway.migrate.Setting;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project coming from Flyway keeps its migrations in Flyway's default folder {@code db/migration}; Slipway's
 * default is {@code db/migrations}. When the one is missing and the other is there, the refusal says so and how
 * to go on, in terms of locations (no configuration property in core).
 */
class FlywayLocationTests {

    private static final String CREATE_USERS = "CREATE TABLE users (id bigint PRIMARY KEY);\n";

    @TempDir
    Path temp;

    @Test
    void missingDefaultLocationNamesFlywaysFolderOnTheClasspath() throws IOException {
        Path classes = temp.resolve("classes");
        write(classes, "db/migration/V1__create_users.sql", CREATE_USERS);

        try (URLClassLoader loader = classLoader(classes)) {
            InvalidMigrationException refusal =
                    refusal(() -> MigrationLoader.load(List.of("classpath:db/migrations"), loader));

            assertThat(refusal).isInstanceOfSatisfying(MigrationLocationNotFoundException.class, (notFound) -> {
                assertThat(notFound.getLocation()).isEqualTo("classpath:db/migrations");
                assertThat(notFound.getFlywayLocation()).contains("classpath:db/migration");
                assertThat(notFound.getProblem())
                        .isEqualTo(
                                "No folder db/migrations was found on the classpath, but db/migration was: Flyway's default "
                                        + "location.");
                assertThat(notFound.getAction())
                        .hasToString("Move the migrations to db/migrations "
                                + "(src/main/resources/db/migrations in a Maven or Gradle project), or read them from there: "
                                + "set the migration locations to classpath:db/migration (Slipway reads Flyway's "
                                + "V<version>__<description>.sql files as they are).");
                assertThat(notFound.getAction().settings()).containsExactly(Setting.LOCATIONS);
            });
            assertThat(refusal.getSource()).isEqualTo("classpath:db/migrations");
            assertThat(refusal.getMessage()).doesNotContainPattern("slipway\\.[a-z]");
        }
    }

    @Test
    void theLocationTheRefusalNamesReadsTheFlywayMigrations() throws IOException {
        Path classes = temp.resolve("classes");
        write(classes, "db/migration/V1__create_users.sql", CREATE_USERS);

        try (URLClassLoader loader = classLoader(classes)) {
            MigrationLocationNotFoundException refusal = (MigrationLocationNotFoundException)
                    refusal(() -> MigrationLoader.load(List.of("classpath:db/migrations"), loader));

            assertThat(MigrationLoader.load(List.of(refusal.getFlywayLocation().orElseThrow()), loader))
                    .extracting(MigrationScript::id)
                    .containsExactly("1_create_users");
        }
    }

    @Test
    void findsFlywaysFolderInAJar() throws IOException {
        Path classes = temp.resolve("classes");
        write(classes, "db/migration/V1__create_users.sql", CREATE_USERS);
        Path jar = jar(temp.resolve("app.jar"), classes, true);

        try (URLClassLoader loader = classLoader(jar)) {
            MigrationLocationNotFoundException refusal = (MigrationLocationNotFoundException)
                    refusal(() -> MigrationLoader.load(List.of("db/migrations"), loader));

            assertThat(refusal.getFlywayLocation()).contains("classpath:db/migration");
        }
    }

    @Test
    void missingDefaultLocationOnDiskNamesFlywaysFolderNextToIt() {
        Path resources = temp.resolve("src/main/resources");
        write(resources, "db/migration/V1__create_users.sql", CREATE_USERS);
        Path slipwayFolder = resources.resolve("db/migrations");

        MigrationLocationNotFoundException refusal =
                (MigrationLocationNotFoundException) refusal(() -> MigrationLoader.load(
                        List.of("filesystem:" + slipwayFolder), getClass().getClassLoader()));

        assertThat(refusal.getFlywayLocation()).contains("filesystem:" + resources.resolve("db/migration"));
        assertThat(refusal.getProblem())
                .isEqualTo("The migrations folder " + slipwayFolder + " does not exist, but "
                        + resources.resolve("db/migration") + " does: Flyway's default location.");
        assertThat(refusal.getMessage()).doesNotContainPattern("slipway\\.[a-z]");
    }

    @Test
    void missingLocationWithoutFlywaysFolderIsRefusedAsBefore() throws IOException {
        Path classes = temp.resolve("classes");
        write(classes, "other/V1__create_users.sql", CREATE_USERS);

        try (URLClassLoader loader = classLoader(classes)) {
            MigrationLocationNotFoundException refusal = (MigrationLocationNotFoundException)
                    refusal(() -> MigrationLoader.load(List.of("classpath:db/migrations"), loader));

            assertThat(refusal.getFlywayLocation()).isEmpty();
            assertThat(refusal.getMessage())
                    .isEqualTo("classpath:db/migrations: No folder db/migrations was found on "
                            + "the classpath.\nCreate it (in a Maven or Gradle project: src/main/resources/db/migrations), or"
                            + " fix the configured location (the migration locations). If the migrations are in a jar, build the jar"
                            + " with directory entries: without them a class loader cannot find the folder.");
        }
    }

    @Test
    void onlySlipwaysDefaultFolderPointsAtFlyways() throws IOException {
        Path classes = temp.resolve("classes");
        write(classes, "db/migration/V1__create_users.sql", CREATE_USERS);

        try (URLClassLoader loader = classLoader(classes)) {
            MigrationLocationNotFoundException refusal = (MigrationLocationNotFoundException)
                    refusal(() -> MigrationLoader.load(List.of("classpath:db/migratons"), loader));

            assertThat(refusal.getFlywayLocation()).isEmpty();
        }
    }

    private static URLClassLoader classLoader(Path root) throws IOException {
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }
}
