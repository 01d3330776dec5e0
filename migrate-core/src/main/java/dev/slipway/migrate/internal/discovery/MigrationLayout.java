package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises migrations among the folders and {@code .sql} files below one location root.
 *
 * <ol>
 *   <li>Anything with a hidden name ({@code .git}, {@code .gitkeep}) is skipped, folders with all they hold.</li>
 *   <li>A folder whose name starts with a digit is a migration folder, {@code <digits>_<name>} (Prisma's
 *       layout). It must hold {@code migration.sql}; {@code down.sql} is noted; every other file and folder
 *       in it is ignored.</li>
 *   <li>Any other folder only groups migrations and is searched like the root.</li>
 *   <li>A {@code .sql} file outside migration folders must be a Flyway-style versioned migration,
 *       {@code V<version>__<description>.sql}, or a repeatable one, {@code R__<description>.sql} (no version); its
 *       name is the description as written, underscores kept. Files that are not {@code .sql}
 *       ({@code migration_lock.toml}, {@code README.md}) are ignored.</li>
 * </ol>
 *
 * Anything else that looks meant as a migration is refused with an {@link InvalidMigrationException} that
 * names it and says what to do.
 */
final class MigrationLayout {

    static final String MIGRATION_FILE = "migration.sql";
    static final String DOWN_FILE = "down.sql";

    private static final Pattern MIGRATION_FOLDER = Pattern.compile("(\\d+)_(.+)");
    private static final Pattern FLYWAY_FILE =
            Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern FLYWAY_SINGLE_UNDERSCORE = Pattern.compile("[Vv]\\d+(?:[._]\\d+)*_[^_].*");
    private static final Pattern FLYWAY_LOWER_CASE = Pattern.compile("v\\d+(?:[._]\\d+)*__.+");
    private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern FLYWAY_UNDO = Pattern.compile("U\\d+(?:[._]\\d+)*__.*");

    private MigrationLayout() {}

    /** The migrations below one root of a location, in no particular order. */
    static List<MigrationFile> migrationsIn(Location location, ScannedTree tree) {
        Map<String, ScannedEntry> files = new TreeMap<>();
        TreeSet<String> folders = new TreeSet<>();
        for (ScannedEntry entry : tree.entries()) {
            if (isHidden(entry.path())) {
                continue;
            }
            if (entry.directory()) {
                folders.add(entry.path());
            } else {
                files.put(entry.path(), entry);
                folders.addAll(parentsOf(entry.path()));
            }
        }
        List<MigrationFile> migrations = new ArrayList<>();
        for (String folder : folders) {
            String[] segments = folder.split("/");
            int migrationFolder = firstMigrationFolder(segments, segments.length);
            if (migrationFolder == segments.length - 1) {
                migrations.add(folderMigration(location, folder, segments[migrationFolder], files));
            }
        }
        for (ScannedEntry file : files.values()) {
            String[] segments = file.path().split("/");
            if (firstMigrationFolder(segments, segments.length - 1) < 0) {
                migrations.add(flywayMigration(location, file, segments[segments.length - 1]));
            }
        }
        return migrations;
    }

    private static MigrationFile folderMigration(
            Location location, String folder, String folderName, Map<String, ScannedEntry> files) {
        Matcher matcher = MIGRATION_FOLDER.matcher(folderName);
        if (!matcher.matches()) {
            throw new InvalidMigrationException(
                    location.child(folder),
                    0,
                    "The folder name " + folderName
                            + " starts with a digit, so it is read as a migration folder, but it has no name after the"
                            + " version.",
                    Action.text("Rename it <version>_<name>, e.g. 20240101000000_add_users; a folder that only"
                            + " groups migrations must not start with a digit."));
        }
        ScannedEntry migration = files.get(folder + "/" + MIGRATION_FILE);
        if (migration == null) {
            throw new InvalidMigrationException(
                    location.child(folder),
                    0,
                    "The migration folder " + folderName + " has no " + MIGRATION_FILE + ".",
                    Action.text("Put the migration's SQL in " + folderName + "/" + MIGRATION_FILE
                            + ", or delete the folder."));
        }
        ScannedEntry downEntry = files.get(folder + "/" + DOWN_FILE);
        Optional<MigrationFile.DownFile> down = downEntry == null
                ? Optional.empty()
                : Optional.of(new MigrationFile.DownFile(location.child(downEntry.path()), downEntry.content()));
        return new MigrationFile(
                MigrationVersion.parse(matcher.group(1)),
                matcher.group(2),
                location.child(migration.path()),
                migration.identity(),
                migration.content(),
                down);
    }

    private static MigrationFile flywayMigration(Location location, ScannedEntry file, String fileName) {
        Matcher matcher = FLYWAY_FILE.matcher(fileName);
        if (fileName.startsWith("V") && matcher.matches()) {
            return new MigrationFile(
                    MigrationVersion.parse(matcher.group(1)),
                    matcher.group(2),
                    location.child(file.path()),
                    file.identity(),
                    file.content(),
                    Optional.empty());
        }
        Matcher repeatable = FLYWAY_REPEATABLE.matcher(fileName);
        if (repeatable.matches()) {
            return new MigrationFile(
                    null,
                    repeatable.group(1),
                    location.child(file.path()),
                    file.identity(),
                    file.content(),
                    Optional.empty());
        }
        throw new InvalidMigrationException(
                location.child(file.path()), 0, whyNotAMigration(fileName), howToName(fileName));
    }

    private static String whyNotAMigration(String fileName) {
        if (fileName.startsWith("R__")) {
            return fileName + " is not a repeatable migration name: it needs a description after R__ and must end"
                    + " in .sql, as in R__users_view.sql.";
        }
        if (fileName.startsWith("r__")) {
            return fileName + " is not a migration name: the prefix of a repeatable migration must be an upper-case"
                    + " R, as in R" + fileName.substring(1) + ".";
        }
        if (FLYWAY_UNDO.matcher(fileName).matches()) {
            return fileName + " is an undo migration, which Slipway does not run.";
        }
        if (FLYWAY_LOWER_CASE.matcher(fileName).matches()) {
            return fileName + " is not a migration name: the prefix must be an upper-case V, as in V"
                    + fileName.substring(1) + ".";
        }
        if (FLYWAY_SINGLE_UNDERSCORE.matcher(fileName).matches()) {
            return fileName + " is not a migration name: two underscores must separate the version from the"
                    + " description, as in V1__create_users.sql.";
        }
        if (fileName.equals(MIGRATION_FILE) || fileName.equals(DOWN_FILE)) {
            return fileName + " is not in a migration folder.";
        }
        return fileName + " is not a migration name.";
    }

    private static Action howToName(String fileName) {
        if (fileName.startsWith("R__")
                || fileName.startsWith("r__")
                || FLYWAY_LOWER_CASE.matcher(fileName).matches()
                || FLYWAY_SINGLE_UNDERSCORE.matcher(fileName).matches()) {
            return Action.text("Rename the file as shown.");
        }
        if (FLYWAY_UNDO.matcher(fileName).matches()) {
            return Action.text(
                    "To reverse a change, write a new migration; move this file out of the migrations" + " location.");
        }
        if (fileName.equals(MIGRATION_FILE) || fileName.equals(DOWN_FILE)) {
            return Action.text(
                    "Put it in a folder <version>_<name>, e.g. 20240101000000_create_users/" + fileName + ".");
        }
        return Action.text("Name it V<version>__<description>.sql (e.g. V1__create_users.sql), or put it in a folder"
                + " <version>_<name> as migration.sql, or move it out of the migrations location.");
    }

    /** The index of the first segment (below {@code limit}) that starts with a digit, or -1. */
    private static int firstMigrationFolder(String[] segments, int limit) {
        for (int i = 0; i < limit; i++) {
            if (isMigrationFolderName(segments[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a folder of this name is a migration folder: its name starts with a digit. */
    static boolean isMigrationFolderName(String name) {
        return !name.isEmpty() && name.charAt(0) >= '0' && name.charAt(0) <= '9';
    }

    private static boolean isHidden(String path) {
        for (String segment : path.split("/")) {
            if (ScannedEntry.isHidden(segment)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> parentsOf(String path) {
        List<String> parents = new ArrayList<>();
        int slash = path.indexOf('/');
        while (slash >= 0) {
            parents.add(path.substring(0, slash));
            slash = path.indexOf('/', slash + 1);
        }
        return parents;
    }
}
