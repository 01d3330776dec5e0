package dev.slipway.migrate.internal.discovery;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the folders and {@code .sql} files below a folder of the file system. Symbolic links are followed
 * (a Kubernetes ConfigMap mounts its files as links into a hidden {@code ..data} folder); hidden folders are
 * not entered.
 */
final class DirectoryScanner {

    private DirectoryScanner() {}

    static ScannedTree scan(Path root) throws IOException {
        List<ScannedEntry> entries = new ArrayList<>();
        String rootUri = root.toAbsolutePath().normalize().toUri().toString();
        walk(root, "", rootUri.endsWith("/") ? rootUri : rootUri + "/", entries);
        return new ScannedTree(root.toString(), entries);
    }

    /**
     * Lists one folder and descends into its sub-folders. Each entry costs one {@code stat} (following
     * links); identities are built from the root's path rather than {@link Path#toUri()}, which would stat
     * every entry a second time.
     */
    private static void walk(Path dir, String relative, String identity, List<ScannedEntry> entries)
            throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (ScannedEntry.isHidden(name)) {
                continue;
            }
            // java.io.File answers from stat(2) (following links) without allocating attributes or throwing
            // for a dangling link, which is simply neither a folder nor a file.
            File asFile = child.toFile();
            String childRelative = relative.isEmpty() ? name : relative + "/" + name;
            if (asFile.isDirectory()) {
                String childIdentity = identity + name + "/";
                entries.add(ScannedEntry.directory(childRelative, childIdentity));
                if (MigrationLayout.isMigrationFolderName(name)) {
                    // Only migration.sql and down.sql of a migration folder count: look them up instead of
                    // listing the folder, which costs several system calls more per migration.
                    probe(child, MigrationLayout.MIGRATION_FILE, childRelative, childIdentity, entries);
                    probe(child, MigrationLayout.DOWN_FILE, childRelative, childIdentity, entries);
                } else {
                    walk(child, childRelative, childIdentity, entries);
                }
            } else if (ScannedEntry.isSql(name) && asFile.isFile()) {
                entries.add(ScannedEntry.file(childRelative, identity + name, new ScannedEntry.FileContent(child)));
            }
        }
    }

    private static void probe(
            Path folder, String fileName, String relative, String identity, List<ScannedEntry> entries) {
        Path file = folder.resolve(fileName);
        // java.io.File answers from stat(2) without an exception for an absent file, which
        // Files.isRegularFile would create (and throw away) for every folder without a down.sql.
        if (file.toFile().isFile()) {
            entries.add(ScannedEntry.file(
                    relative + "/" + fileName, identity + fileName, new ScannedEntry.FileContent(file)));
        }
    }
}
