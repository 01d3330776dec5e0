package dev.slipway.migrate.internal.discovery;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists the folders and {@code .sql} files below a folder of the file system. Symbolic links are followed
 * (a Kubernetes ConfigMap mounts its files as links into a hidden {@code ..data} folder); hidden folders are
 * not entered.
 */
final class DirectoryScanner {

    private DirectoryScanner() {
    }

    static ScannedTree scan(Path root) throws IOException {
        List<ScannedEntry> entries = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                        if (dir.equals(root)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (ScannedEntry.isHidden(dir.getFileName().toString())) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        entries.add(ScannedEntry.directory(relative(root, dir), dir.toUri().toString()));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        String name = file.getFileName().toString();
                        if (attributes.isRegularFile() && ScannedEntry.isSql(name) && !ScannedEntry.isHidden(name)) {
                            entries.add(ScannedEntry.file(relative(root, file), file.toUri().toString(),
                                    () -> Files.readAllBytes(file)));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return new ScannedTree(root.toString(), entries);
    }

    private static String relative(Path root, Path path) {
        StringBuilder relative = new StringBuilder();
        for (Path part : root.relativize(path)) {
            if (relative.length() > 0) {
                relative.append('/');
            }
            relative.append(part);
        }
        return relative.toString();
    }
}
