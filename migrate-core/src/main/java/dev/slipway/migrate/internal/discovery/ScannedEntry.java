package dev.slipway.migrate.internal.discovery;

import java.io.IOException;

/**
 * A folder or {@code .sql} file found below a location root. Scanners report only these: every other file
 * is ignored by the layout anyway.
 *
 * @param path the {@code /}-separated path below the root, without leading or trailing {@code /}
 * @param directory whether this is a folder
 * @param identity where the entry physically is ({@code file:/...} or {@code jar:file:/app.jar!/...}), so
 *     that a file reached through two overlapping locations is read once
 * @param content the file's bytes; never read for a folder
 */
record ScannedEntry(String path, boolean directory, String identity, Content content) {

    /** The bytes of a scanned file. */
    @FunctionalInterface
    interface Content {
        byte[] read() throws IOException;

        /**
         * The file's size and modification time as they are now, to tell a changed file without reading it; null
         * where that cannot be told cheaply (an entry of a jar, read when the jar was listed).
         */
        default Stamp stamp() throws IOException {
            return null;
        }
    }

    /**
     * What a file on disk looks like from outside: a file rewritten with other bytes almost always has another size
     * or modification time, and a file replaced by another (an editor's save by rename) another file key (inode).
     */
    record Stamp(long size, long modifiedNanos, Object fileKey) {}

    /** A file on disk, read when asked. */
    record FileContent(java.nio.file.Path file) implements Content {

        @Override
        public byte[] read() throws IOException {
            return java.nio.file.Files.readAllBytes(file);
        }

        @Override
        public Stamp stamp() throws IOException {
            java.nio.file.attribute.BasicFileAttributes attributes =
                    java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return new Stamp(
                    attributes.size(),
                    attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    attributes.fileKey());
        }
    }

    static ScannedEntry directory(String path, String identity) {
        return new ScannedEntry(path, true, identity, () -> {
            throw new IOException(identity + " is a folder");
        });
    }

    static ScannedEntry file(String path, String identity, Content content) {
        return new ScannedEntry(path, false, identity, content);
    }

    /** Whether a file name ends in {@code .sql}, in any case. */
    static boolean isSql(String fileName) {
        return fileName.regionMatches(true, fileName.length() - 4, ".sql", 0, 4);
    }

    /** Whether a file or folder name is hidden ({@code .gitkeep}, {@code .DS_Store}, {@code ..data}). */
    static boolean isHidden(String fileName) {
        return fileName.startsWith(".");
    }
}
