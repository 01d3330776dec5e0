package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.MigrationLocationNotFoundException;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the roots of a location and lists what is below each.
 *
 * <ul>
 *   <li>{@code filesystem:} one folder.</li>
 *   <li>{@code classpath:} every resource {@link ClassLoader#getResources(String)} returns for the path: a
 *       {@code file:} URL is a folder on disk, a {@code jar:} URL a folder inside a jar (see
 *       {@link JarScanner}). A jar built without directory entries has no resource for a folder, so its
 *       migrations are not found: Maven, Gradle and Spring Boot write directory entries; the error for a
 *       location that is not found says to check this.</li>
 * </ul>
 */
final class LocationScanner {

    private LocationScanner() {}

    /**
     * @throws InvalidMigrationException if the location does not exist, is a file, or is in a place that
     *     cannot be listed
     */
    static List<ScannedTree> scan(Location location, ClassLoader classLoader) {
        return switch (location.kind()) {
            case FILESYSTEM -> List.of(scanFilesystem(location));
            case CLASSPATH -> scanClasspath(location, classLoader);
        };
    }

    private static ScannedTree scanFilesystem(Location location) {
        Path directory = location.directory();
        if (!Files.exists(directory)) {
            Optional<Location> flyway = location.flywayDefault().filter(f -> Files.isDirectory(f.directory()));
            if (flyway.isPresent()) {
                throw atFlywayLocation(
                        location,
                        flyway.get(),
                        "The migrations folder " + directory + " does not exist, but "
                                + flyway.get().directory() + " does",
                        directory.toString());
            }
            throw new MigrationLocationNotFoundException(
                    location.toString(),
                    null,
                    "The migrations folder " + directory + " does not exist.",
                    Action.of("Create it, or fix the configured location ({}).", Setting.LOCATIONS));
        }
        if (!Files.isDirectory(directory)) {
            throw notAFolder(location, directory.toString());
        }
        return scanDirectory(location, directory);
    }

    private static List<ScannedTree> scanClasspath(Location location, ClassLoader classLoader) {
        Map<String, URL> roots = new LinkedHashMap<>();
        try {
            for (URL url : Collections.list(classLoader.getResources(location.path()))) {
                roots.putIfAbsent(url.toString(), url);
            }
        } catch (IOException e) {
            throw new SlipwayException(
                    SlipwayError.READ_FAILED,
                    "Cannot look up " + location + " on the classpath: " + e.getMessage(),
                    Action.text("Check that the class path can be read."),
                    e);
        }
        if (roots.isEmpty()) {
            Optional<Location> flyway = location.flywayDefault().filter(f -> classLoader.getResource(f.path()) != null);
            if (flyway.isPresent()) {
                throw atFlywayLocation(
                        location,
                        flyway.get(),
                        "No folder " + location.path() + " was found on the classpath, but "
                                + flyway.get().path() + " was",
                        "src/main/resources/" + location.path() + " in a Maven or Gradle project");
            }
            throw new MigrationLocationNotFoundException(
                    location.toString(),
                    null,
                    "No folder " + location.path() + " was found on the classpath.",
                    Action.text("Create it (in a Maven or Gradle project: " + "src/main/resources/" + location.path()
                                    + ")")
                            .append(Action.of(
                                    ", or fix the configured location"
                                            + " ({}). If the migrations are in a jar, build the jar with directory entries: without them a"
                                            + " class loader cannot find the folder.",
                                    Setting.LOCATIONS)));
        }
        List<ScannedTree> trees = new ArrayList<>();
        for (URL url : roots.values()) {
            trees.add(scanClasspathRoot(location, url));
        }
        return trees;
    }

    private static ScannedTree scanClasspathRoot(Location location, URL url) {
        switch (url.getProtocol()) {
            case "file" -> {
                Path directory;
                try {
                    directory = Path.of(url.toURI());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new SlipwayException(
                            SlipwayError.READ_FAILED,
                            "Cannot read " + location + " from " + url + ": " + e.getMessage(),
                            Action.text("Check that " + url + " can be read."),
                            e);
                }
                if (!Files.isDirectory(directory)) {
                    throw notAFolder(location, directory.toString());
                }
                return scanDirectory(location, directory);
            }
            case "jar" -> {
                try {
                    return JarScanner.scan(url, location);
                } catch (IOException e) {
                    throw new SlipwayException(
                            SlipwayError.READ_FAILED,
                            "Cannot read " + location + " from " + url + ": " + e.getMessage(),
                            Action.text("Check that " + url + " can be read."),
                            e);
                }
            }
            default ->
                throw new InvalidMigrationException(
                        location.toString(),
                        0,
                        "The class loader found "
                                + location.path() + " at " + url
                                + ", but Slipway can only list folders on disk (file:) and in"
                                + " jars (jar:).",
                        Action.of(
                                "Point {} at the folder with filesystem:<folder>, or"
                                        + " package the migrations in a jar.",
                                Setting.LOCATIONS));
        }
    }

    private static ScannedTree scanDirectory(Location location, Path directory) {
        try {
            return DirectoryScanner.scan(directory);
        } catch (IOException e) {
            throw new SlipwayException(
                    SlipwayError.READ_FAILED,
                    "Cannot list " + location + " (" + directory + "): " + e,
                    Action.text("Check that " + directory + " can be read by this process."),
                    e);
        }
    }

    /**
     * The location does not exist, but Flyway's default folder next to it does: a project coming from Flyway. Says
     * so, in terms of locations only (no configuration property: each front end names its own).
     */
    private static MigrationLocationNotFoundException atFlywayLocation(
            Location location, Location flyway, String notFoundButFound, String moveTo) {
        return new MigrationLocationNotFoundException(
                location.toString(),
                flyway.toString(),
                notFoundButFound + ": Flyway's default location.",
                Action.text("Move the migrations to " + location.path() + " (" + moveTo + ")")
                        .append(Action.of(
                                ", or read them from there: set {} (Slipway reads Flyway's"
                                        + " V<version>__<description>.sql files as they are).",
                                Setting.LOCATIONS.to(flyway.toString()))));
    }

    static InvalidMigrationException notAFolder(Location location, String where) {
        return new InvalidMigrationException(
                location.toString(),
                0,
                "The location is a file (" + where + "), not a folder.",
                Action.text("Point it at the folder that holds the migrations."));
    }
}
