package dev.slipway.migrate.internal.discovery;

import static dev.slipway.migrate.internal.discovery.MigrationFiles.jar;
import static dev.slipway.migrate.internal.discovery.MigrationFiles.refusal;
import static dev.slipway.migrate.internal.discovery.MigrationFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.InvalidMigrationException;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathLocationTests {

    private static final String CREATE_USERS = "CREATE TABLE users (id bigint PRIMARY KEY);\n";
    private static final String ADD_NAME = "ALTER TABLE users ADD COLUMN name text;\n";

    @TempDir
    Path temp;

    /** A classpath folder holding a Prisma and a Flyway migration under db/migrations. */
    private Path classesFolder() {
        Path classes = temp.resolve("classes");
        write(classes, "db/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        write(classes, "db/migrations/20240101000000_create_users/migration.sql", CREATE_USERS);
        write(classes, "db/migrations/20240101000000_create_users/down.sql", "DROP TABLE users;\n");
        write(classes, "db/migrations/later/V20240102000000__add_name.sql", ADD_NAME);
        write(classes, "other/V1__not_a_location.sql", CREATE_USERS);
        return classes;
    }

    private static URLClassLoader classLoader(Path... roots) throws IOException {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }

    @Test
    void readsMigrationsFromAFolderOnTheClasspath() throws IOException {
        try (URLClassLoader loader = classLoader(classesFolder())) {
            List<MigrationScript> scripts = MigrationLoader.load(List.of("classpath:db/migrations"), loader);

            assertThat(scripts)
                    .extracting(MigrationScript::id)
                    .containsExactly("20240101000000_create_users", "20240102000000_add_name");
            assertThat(scripts)
                    .extracting(MigrationScript::source)
                    .containsExactly(
                            "classpath:db/migrations/20240101000000_create_users/migration.sql",
                            "classpath:db/migrations/later/V20240102000000__add_name.sql");
            assertThat(scripts.get(0).downSource())
                    .contains("classpath:db/migrations/20240101000000_create_users/down.sql");
        }
    }

    @Test
    void readsALocationWithoutPrefixOrWithSlashesFromTheClasspath() throws IOException {
        try (URLClassLoader loader = classLoader(classesFolder())) {
            for (String location : List.of("db/migrations", "classpath:/db/migrations/")) {
                assertThat(MigrationLoader.load(List.of(location), loader))
                        .extracting(MigrationScript::source)
                        .first()
                        .isEqualTo("classpath:db/migrations/20240101000000_create_users/migration.sql");
            }
        }
    }

    @Test
    void readsMigrationsFromAJarWithDirectoryEntries() throws IOException {
        Path jar = jar(temp.resolve("app.jar"), classesFolder(), true);

        try (URLClassLoader loader = classLoader(jar)) {
            List<MigrationScript> scripts = MigrationLoader.load(List.of("classpath:db/migrations"), loader);

            assertThat(scripts)
                    .extracting(MigrationScript::source)
                    .containsExactly(
                            "classpath:db/migrations/20240101000000_create_users/migration.sql",
                            "classpath:db/migrations/later/V20240102000000__add_name.sql");
            assertThat(scripts.get(0).downSource())
                    .contains("classpath:db/migrations/20240101000000_create_users/down.sql");
            assertThat(scripts.get(0).statements())
                    .singleElement()
                    .satisfies(statement ->
                            assertThat(statement.sql()).isEqualTo("CREATE TABLE users (id bigint PRIMARY KEY)"));
        }
    }

    @Test
    void readsALargeFileFromAJarAsFromAFolder() throws IOException {
        Path classes = classesFolder();
        StringBuilder rows = new StringBuilder("INSERT INTO users (id) VALUES (0)");
        for (int i = 1; rows.length() <= JarScanner.LARGE_FILE; i++) {
            rows.append(",\n(").append(i).append(')');
        }
        write(classes, "db/migrations/20240103000000_rows/migration.sql", rows + ";\n");
        Path jar = jar(temp.resolve("app.jar"), classes, true);

        try (URLClassLoader fromFolder = classLoader(classes);
                URLClassLoader fromJar = classLoader(jar)) {
            List<MigrationScript> expected = MigrationLoader.load(List.of("classpath:db/migrations"), fromFolder);
            List<MigrationText> texts = MigrationLoader.scan(List.of("classpath:db/migrations"), fromJar);
            List<MigrationScript> actual = MigrationLoader.parse(texts);

            assertThat(actual)
                    .extracting(MigrationScript::checksum)
                    .containsExactlyElementsOf(
                            expected.stream().map(MigrationScript::checksum).toList());
            assertThat(actual.get(2).statements())
                    .singleElement()
                    .satisfies(statement -> assertThat(statement.sql()).isEqualTo(rows.toString()));
            // the large file's text was let go once split: asked for again, it is read again from the jar
            assertThat(texts.get(2).normalisedText()).isEqualTo(rows + ";\n");
            assertThat(texts.get(2).bytes()).hasSize(rows.length() + 2);
        }
    }

    @Test
    void readsTheSameChecksumsFromAJarAsFromAFolder() throws IOException {
        Path classes = classesFolder();
        Path jar = jar(temp.resolve("app.jar"), classes, true);

        try (URLClassLoader fromFolder = classLoader(classes);
                URLClassLoader fromJar = classLoader(jar)) {
            assertThat(MigrationLoader.load(List.of("db/migrations"), fromJar))
                    .extracting(MigrationScript::checksum)
                    .isEqualTo(MigrationLoader.load(List.of("db/migrations"), fromFolder).stream()
                            .map(MigrationScript::checksum)
                            .toList());
        }
    }

    @Test
    void refusesALocationInAJarWithoutDirectoryEntriesAndSaysWhy() throws IOException {
        Path jar = jar(temp.resolve("flat.jar"), classesFolder(), false);

        try (URLClassLoader loader = classLoader(jar)) {
            InvalidMigrationException refusal =
                    refusal(() -> MigrationLoader.load(List.of("classpath:db/migrations"), loader));

            assertThat(refusal.getSource()).isEqualTo("classpath:db/migrations");
            assertThat(refusal.getLine()).isZero();
            assertThat(refusal.getMessage())
                    .contains(
                            "No folder db/migrations was found on the classpath",
                            "src/main/resources/db/migrations",
                            "directory entries");
        }
    }

    @Test
    void refusesALocationThatIsNotOnTheClasspath() throws IOException {
        try (URLClassLoader loader = classLoader(classesFolder())) {
            InvalidMigrationException refusal =
                    refusal(() -> MigrationLoader.load(List.of("classpath:db/migration"), loader));

            assertThat(refusal.getSource()).isEqualTo("classpath:db/migration");
            assertThat(refusal.getMessage()).contains("No folder db/migration was found", "the migration locations");
        }
    }

    @Test
    void refusesAClasspathLocationThatIsAFileInAJar() throws IOException {
        Path jar = jar(temp.resolve("app.jar"), classesFolder(), true);

        try (URLClassLoader loader = classLoader(jar)) {
            InvalidMigrationException refusal = refusal(() -> MigrationLoader.load(
                    List.of("classpath:db/migrations/later/V20240102000000__add_name.sql"), loader));

            assertThat(refusal.getMessage()).contains("is a file", "not a folder");
        }
    }

    @Test
    void mergesEveryClasspathRootThatHoldsTheLocation() throws IOException {
        Path classes = classesFolder();
        Path library = temp.resolve("library");
        write(
                library,
                "db/migrations/20240103000000_add_email/migration.sql",
                "ALTER TABLE users ADD COLUMN email text;\n");
        Path libraryJar = jar(temp.resolve("library.jar"), library, true);

        try (URLClassLoader loader = classLoader(classes, libraryJar)) {
            assertThat(MigrationLoader.load(List.of("classpath:db/migrations"), loader))
                    .extracting(MigrationScript::id)
                    .containsExactly(
                            "20240101000000_create_users", "20240102000000_add_name", "20240103000000_add_email");
        }
    }

    @Test
    void refusesTheSameVersionInTwoClasspathRootsNamingWhereEachIs() throws IOException {
        Path classes = classesFolder();
        Path testClasses = temp.resolve("test-classes");
        write(testClasses, "db/migrations/20240101000000_create_users/migration.sql", CREATE_USERS);

        try (URLClassLoader loader = classLoader(testClasses, classes)) {
            InvalidMigrationException refusal =
                    refusal(() -> MigrationLoader.load(List.of("classpath:db/migrations"), loader));

            assertThat(refusal.getMessage())
                    .contains(
                            "Two migrations have version 20240101000000",
                            testClasses
                                    .resolve("db/migrations/20240101000000_create_users/migration.sql")
                                    .toUri()
                                    .toString(),
                            classes.resolve("db/migrations/20240101000000_create_users/migration.sql")
                                    .toUri()
                                    .toString());
        }
    }

    @Test
    void mergesAClasspathAndAFilesystemLocation() throws IOException {
        Path extra = temp.resolve("extra");
        write(extra, "V20240104000000__add_index.sql", "CREATE INDEX CONCURRENTLY users_name ON users (name);\n");

        try (URLClassLoader loader = classLoader(classesFolder())) {
            List<MigrationScript> scripts =
                    MigrationLoader.load(List.of("filesystem:" + extra, "classpath:db/migrations"), loader);

            assertThat(scripts)
                    .extracting(MigrationScript::id)
                    .containsExactly(
                            "20240101000000_create_users", "20240102000000_add_name", "20240104000000_add_index");
            assertThat(scripts.get(2).source())
                    .isEqualTo("filesystem:" + extra.resolve("V20240104000000__add_index.sql"));
        }
    }

    @Test
    void readsThroughAnyHandlerThatGivesAJarUrlConnectionAndClosesTheUncachedJarItOpens() throws IOException {
        Path jar = jar(temp.resolve("app.jar"), classesFolder(), true);
        TrackingJarHandler handler = new TrackingJarHandler(jar);
        // As Spring Boot's launcher does for its jar:nested: URLs, the URL comes with a handler of its own.
        URL folder = new URL(null, "jar:" + jar.toUri() + "!/db/migrations", handler);
        ClassLoader loader = new ClassLoader(null) {
            @Override
            protected Enumeration<URL> findResources(String name) {
                return Collections.enumeration(name.equals("db/migrations") ? List.of(folder) : List.of());
            }
        };

        List<MigrationScript> scripts = MigrationLoader.load(List.of("classpath:db/migrations"), loader);

        assertThat(scripts)
                .extracting(MigrationScript::id)
                .containsExactly("20240101000000_create_users", "20240102000000_add_name");
        assertThat(handler.opened).singleElement().satisfies(opened -> {
            assertThat(opened.uncached).isTrue();
            assertThat(opened.closed).isTrue();
        });
    }

    /** Opens the given jar for every URL, remembering how each jar file was asked for and whether it was closed. */
    private static final class TrackingJarHandler extends URLStreamHandler {

        private final Path jar;
        private final List<TrackedJarFile> opened = new ArrayList<>();

        TrackingJarHandler(Path jar) {
            this.jar = jar;
        }

        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            return new JarURLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public JarFile getJarFile() throws IOException {
                    TrackedJarFile file = new TrackedJarFile(jar, !getUseCaches());
                    opened.add(file);
                    return file;
                }
            };
        }
    }

    private static final class TrackedJarFile extends JarFile {

        private final boolean uncached;
        private boolean closed;

        TrackedJarFile(Path jar, boolean uncached) throws IOException {
            super(jar.toFile());
            this.uncached = uncached;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
