package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every migration from the configured locations and checks it before anything is applied.
 *
 * <ol>
 *   <li>Each location is parsed ({@code classpath:path}, a bare path meaning the classpath, or
 *       {@code filesystem:path}) and its roots are listed: one folder for the file system, every folder or
 *       jar the class loader has for the classpath ({@link LocationScanner}). A location that does not exist
 *       is an error.</li>
 *   <li>The migrations below each root are recognised ({@link MigrationLayout}): {@code <digits>_<name>/}
 *       folders holding {@code migration.sql}, and Flyway-style {@code V<version>__<description>.sql} files,
 *       in the root or in plain sub-folders.</li>
 *   <li>A file reached through two overlapping locations is taken once; two different files with the same
 *       version are an error naming both.</li>
 *   <li>Every file is read, split and checked ({@link MigrationScriptReader}), in version order. The first
 *       problem stops the load, so a malformed set of migrations returns nothing and applies nothing.</li>
 * </ol>
 */
public final class MigrationLoader {

    private static final Logger log = LoggerFactory.getLogger(MigrationLoader.class);

    private MigrationLoader() {}

    /**
     * Loads the migrations of the given locations: {@link #scan} then {@link #parse}.
     *
     * @param locations where to read: {@code classpath:db/migrations}, {@code db/migrations} (the classpath),
     *     {@code filesystem:db/migrations} (relative to the working directory) or
     *     {@code filesystem:/abs/path}; several locations are merged
     * @param classLoader the class loader whose classpath {@code classpath:} locations are searched
     * @return the migrations, sorted by version
     * @throws InvalidMigrationException naming the location, file or folder (and line, where there is one)
     *     for a location that does not exist, a badly named migration, a duplicate version, a file that is
     *     not UTF-8, a malformed statement or directive
     * @throws dev.slipway.migrate.SlipwayException if a location or file cannot be read
     */
    public static List<MigrationScript> load(List<String> locations, ClassLoader classLoader) {
        return parse(scan(locations, classLoader));
    }

    /**
     * Finds the versioned migrations of the given locations and reads each file (strict UTF-8, checksum), refusing
     * bad names, duplicate versions and undecodable files; does not split or check the SQL. Repeatable migrations
     * are read too (a bad one is refused) but left out: {@link #scanAll} returns them.
     *
     * @return the migrations, sorted by version
     */
    public static List<MigrationText> scan(List<String> locations, ClassLoader classLoader) {
        return scanAll(locations, classLoader).versioned();
    }

    /**
     * The migrations of some locations, read and checksummed: the versioned ones and the repeatable ones apart.
     *
     * @param versioned sorted by version
     * @param repeatable {@code R__<description>.sql}, sorted by description (as written, compared as strings), the
     *     order in which they apply
     */
    public record Found(List<MigrationText> versioned, List<MigrationText> repeatable) {

        public Found {
            versioned = List.copyOf(versioned);
            repeatable = List.copyOf(repeatable);
        }
    }

    /**
     * Like {@link #scan}, and the repeatable migrations ({@code R__<description>.sql}) too: one listing of the
     * locations. Two repeatable migrations with the same description are refused as two versions are.
     */
    public static Found scanAll(List<String> locations, ClassLoader classLoader) {
        return scanAll(locations, classLoader, MigrationScriptReader::fetch);
    }

    /** {@link #scanAll(List, ClassLoader)}, each file read by {@code fetch} ({@link MigrationCache} reuses texts). */
    static Found scanAll(
            List<String> locations,
            ClassLoader classLoader,
            java.util.function.Function<MigrationFile, MigrationText> fetch) {
        Objects.requireNonNull(locations, "'locations' must not be null");
        Objects.requireNonNull(classLoader, "'classLoader' must not be null");
        Map<String, MigrationFile> files = new LinkedHashMap<>();
        for (String text : new LinkedHashSet<>(locations)) {
            Location location = Location.parse(text);
            for (ScannedTree tree : LocationScanner.scan(location, classLoader)) {
                List<MigrationFile> found = MigrationLayout.migrationsIn(location, tree);
                log.debug("Found {} migration(s) in {} ({})", found.size(), location, tree.root());
                found.forEach(file -> files.putIfAbsent(file.identity(), file));
            }
        }
        List<MigrationFile> sorted = new ArrayList<>(
                files.values().stream().filter(f -> !f.repeatable()).toList());
        sorted.sort(Comparator.comparing(MigrationFile::version).thenComparing(MigrationFile::source));
        refuseDuplicateVersions(sorted);
        List<MigrationFile> repeatable = new ArrayList<>(
                files.values().stream().filter(MigrationFile::repeatable).toList());
        repeatable.sort(Comparator.comparing(MigrationFile::name).thenComparing(MigrationFile::source));
        refuseDuplicateDescriptions(repeatable);
        List<MigrationFile> all = new ArrayList<>(sorted);
        all.addAll(repeatable);
        // Reading is mostly waiting for system calls, so files are read in parallel; the first problem in
        // version order is the one reported, as if they had been read one after the other.
        List<Object> results =
                all.parallelStream().map(file -> fetchOrFailure(file, fetch)).toList();
        List<MigrationText> texts = new ArrayList<>(results.size());
        for (Object result : results) {
            if (result instanceof RuntimeException failure) {
                throw failure;
            }
            texts.add((MigrationText) result);
        }
        log.debug("Read {} migration(s) from {}", texts.size(), locations);
        return new Found(texts.subList(0, sorted.size()), texts.subList(sorted.size(), texts.size()));
    }

    /**
     * The highest version among the migrations of the given locations, found by listing them without reading any
     * file; empty when there is none.
     *
     * @throws InvalidMigrationException for a location that does not exist or a badly named migration
     */
    public static java.util.Optional<MigrationVersion> newestVersion(List<String> locations, ClassLoader classLoader) {
        Objects.requireNonNull(locations, "'locations' must not be null");
        Objects.requireNonNull(classLoader, "'classLoader' must not be null");
        MigrationVersion newest = null;
        for (String text : new LinkedHashSet<>(locations)) {
            Location location = Location.parse(text);
            for (ScannedTree tree : LocationScanner.scan(location, classLoader)) {
                for (MigrationFile file : MigrationLayout.migrationsIn(location, tree)) {
                    if (file.repeatable()) {
                        continue;
                    }
                    if (newest == null || file.version().compareTo(newest) > 0) {
                        newest = file.version();
                    }
                }
            }
        }
        return java.util.Optional.ofNullable(newest);
    }

    /**
     * Splits and checks migrations read by {@link #scan}: statements, directives, transaction mode.
     *
     * @return the migrations, in the order given
     */
    public static List<MigrationScript> parse(List<MigrationText> texts) {
        List<MigrationScript> scripts = new ArrayList<>(texts.size());
        for (MigrationText text : texts) {
            scripts.add(MigrationScriptReader.parse(text));
        }
        return List.copyOf(scripts);
    }

    /**
     * Reads and checks the {@code down.sql} of a migration's folder, for a rollback: the same splitter and
     * directive rules as for migrations, except that {@code phase}, {@code requires-backfill} and {@code allow}
     * are refused.
     *
     * @return the down file, or empty when the migration has none (every Flyway-style file, and folders
     *     without {@code down.sql})
     * @throws InvalidMigrationException naming the down file (and line) when it is malformed
     */
    public static Optional<DownScript> readDown(MigrationText migration) {
        return DownScriptReader.read(migration.file());
    }

    private static Object fetchOrFailure(
            MigrationFile file, java.util.function.Function<MigrationFile, MigrationText> fetch) {
        try {
            return fetch.apply(file);
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void refuseDuplicateDescriptions(List<MigrationFile> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            MigrationFile first = sorted.get(i - 1);
            MigrationFile second = sorted.get(i);
            if (first.name().equals(second.name())) {
                throw new InvalidMigrationException(
                        second.source(),
                        0,
                        "Two repeatable migrations are named R__"
                                + first.name() + ":\n-> " + first.source() + "\n-> " + second.source()
                                + "",
                        Action.text("Merge them, or give one of them another description."));
            }
        }
    }

    private static void refuseDuplicateVersions(List<MigrationFile> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            MigrationFile first = sorted.get(i - 1);
            MigrationFile second = sorted.get(i);
            if (first.version().equals(second.version())) {
                boolean sameName = first.source().equals(second.source());
                throw new InvalidMigrationException(
                        second.source(),
                        0,
                        "Two migrations have version "
                                + first.version() + ":\n-> " + (sameName ? first.identity() : first.source())
                                + "\n-> " + (sameName ? second.identity() : second.source())
                                + "",
                        Action.text("Give one of them a new, higher version (rename its folder or file)."));
            }
        }
    }
}
