package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The three project histories of src/test/resources/histories (Prisma's layout, Flyway's dotted versions in
 * sub-folders, Django's sqlmigrate output in timestamp folders), as the tests that replay them find their files.
 */
public final class Histories {

    private static final Pattern FOLDER_MIGRATION = Pattern.compile("(\\d+)_.+");
    private static final Pattern FLYWAY_MIGRATION = Pattern.compile("V(\\d+(?:\\.\\d+)*)__.+\\.sql");

    private Histories() {}

    /** The migration files below {@code histories/<history>}, ordered by version as the numbers compare. */
    public static List<Path> migrationFilesInVersionOrder(String history) {
        URL root = Histories.class.getClassLoader().getResource("histories/" + history);
        assertThat(root).as("test resource histories/%s", history).isNotNull();
        record Versioned(List<BigInteger> version, Path file) {}
        try (Stream<Path> paths = Files.walk(Path.of(root.toURI()))) {
            return paths.filter(Files::isRegularFile)
                    .map(file -> {
                        String name = file.getFileName().toString();
                        Matcher flyway = FLYWAY_MIGRATION.matcher(name);
                        if (flyway.matches()) {
                            return new Versioned(numbers(flyway.group(1)), file);
                        }
                        Matcher folder = FOLDER_MIGRATION.matcher(
                                file.getParent().getFileName().toString());
                        if (name.equals("migration.sql") && folder.matches()) {
                            return new Versioned(numbers(folder.group(1)), file);
                        }
                        return null;
                    })
                    .filter(versioned -> versioned != null)
                    .sorted(Comparator.comparing(Versioned::version, Histories::compareVersions))
                    .map(Versioned::file)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<BigInteger> numbers(String version) {
        return Arrays.stream(version.split("\\.")).map(BigInteger::new).toList();
    }

    private static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
