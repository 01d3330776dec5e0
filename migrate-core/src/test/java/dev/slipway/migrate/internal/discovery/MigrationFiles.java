package dev.slipway.migrate.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.migrate.InvalidMigrationException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Writes migration files and jars for tests. */
final class MigrationFiles {

    private MigrationFiles() {}

    /** Writes a UTF-8 file below {@code root}, creating its folders. */
    static Path write(Path root, String relativePath, String content) {
        return write(root, relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path root, String relativePath, byte[] content) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path mkdirs(Path root, String relativePath) {
        try {
            return Files.createDirectories(root.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Packs every file below {@code content} into a jar, with an entry for each folder or without any
     * folder entries (as some build tools write jars).
     */
    static Path jar(Path jar, Path content, boolean directoryEntries) {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(content)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            TreeSet<String> folders = new TreeSet<>();
            for (Path path : files) {
                String name = content.relativize(path).toString().replace('\\', '/');
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    String folder = name.substring(0, slash + 1);
                    if (directoryEntries && folders.add(folder)) {
                        out.putNextEntry(new JarEntry(folder));
                        out.closeEntry();
                    }
                }
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs something that must be refused and returns the refusal. */
    static InvalidMigrationException refusal(ThrowingCallable action) {
        Throwable thrown = catchThrowable(action);
        assertThat(thrown).isInstanceOf(InvalidMigrationException.class);
        return (InvalidMigrationException) thrown;
    }
}
