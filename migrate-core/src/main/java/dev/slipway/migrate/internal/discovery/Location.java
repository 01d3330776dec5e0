package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place migrations are read from: {@code classpath:db/migrations} (also written without prefix) or
 * {@code filesystem:db/migrations} (relative to the working directory, or absolute).
 *
 * @param kind where the path is looked up
 * @param path for the classpath, a resource path without leading or trailing {@code /}; for the file
 *     system, the path as written
 */
record Location(Kind kind, String path) {

    static final String CLASSPATH_PREFIX = "classpath:";
    static final String FILESYSTEM_PREFIX = "filesystem:";

    /** Slipway's default folder, and Flyway's, which projects coming from Flyway still have. */
    private static final String SLIPWAY_DEFAULT = "db/migrations";

    private static final String FLYWAY_DEFAULT = "db/migration";

    /** A prefix such as {@code file:} or {@code s3:}, which Slipway does not read. */
    private static final Pattern OTHER_PREFIX = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):.*");

    enum Kind {
        CLASSPATH,
        FILESYSTEM
    }

    /** Parses a configured location, refusing one that names nothing Slipway can read. */
    static Location parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidMigrationException(
                    String.valueOf(text),
                    0,
                    "A migrations location must not be empty.",
                    Action.text("" + "Use classpath:db/migrations or filesystem:<folder>."));
        }
        String trimmed = text.strip();
        if (trimmed.startsWith(FILESYSTEM_PREFIX)) {
            String path = trimmed.substring(FILESYSTEM_PREFIX.length());
            if (path.isEmpty()) {
                throw new InvalidMigrationException(
                        trimmed,
                        0,
                        "The location names no folder.",
                        Action.text("Write filesystem:<folder>, e.g. filesystem:db/migrations."));
            }
            return new Location(Kind.FILESYSTEM, path);
        }
        String path = trimmed.startsWith(CLASSPATH_PREFIX) ? trimmed.substring(CLASSPATH_PREFIX.length()) : trimmed;
        Matcher other = OTHER_PREFIX.matcher(path);
        if (other.matches()) {
            throw new InvalidMigrationException(
                    trimmed,
                    0,
                    "Slipway does not read locations starting with '"
                            + other.group(1).toLowerCase(Locale.ROOT) + ":'.",
                    Action.text("Use classpath:<path> or filesystem:<folder>."));
        }
        path = stripSlashes(path);
        if (path.isEmpty()) {
            throw new InvalidMigrationException(
                    trimmed,
                    0,
                    "The location names no folder.",
                    Action.text("Write classpath:<path>, e.g. classpath:db/migrations."));
        }
        return new Location(Kind.CLASSPATH, path);
    }

    private static String stripSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    /**
     * Flyway's default folder next to this location: {@code db/migration} for Slipway's {@code db/migrations} (also
     * as the end of a longer path, such as {@code src/main/resources/db/migrations}), of the same kind; empty for
     * any other location.
     */
    Optional<Location> flywayDefault() {
        String normalized = path.replace('\\', '/');
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (!normalized.equals(SLIPWAY_DEFAULT) && !normalized.endsWith("/" + SLIPWAY_DEFAULT)) {
            return Optional.empty();
        }
        return Optional.of(new Location(
                kind, normalized.substring(0, normalized.length() - SLIPWAY_DEFAULT.length()) + FLYWAY_DEFAULT));
    }

    /** The folder of a {@code filesystem:} location, made absolute against the working directory. */
    Path directory() {
        return Path.of(path).toAbsolutePath().normalize();
    }

    /**
     * The location of a file or folder inside this location, as shown to users and stored as a
     * migration's source.
     *
     * @param relativePath a {@code /}-separated path below this location
     */
    String child(String relativePath) {
        if (kind == Kind.FILESYSTEM) {
            return FILESYSTEM_PREFIX + directory().resolve(relativePath);
        }
        return CLASSPATH_PREFIX + path + "/" + relativePath;
    }

    @Override
    public String toString() {
        return (kind == Kind.CLASSPATH ? CLASSPATH_PREFIX : FILESYSTEM_PREFIX) + path;
    }
}
