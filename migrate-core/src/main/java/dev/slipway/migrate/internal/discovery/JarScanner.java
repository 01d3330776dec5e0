package dev.slipway.migrate.internal.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Lists the folders and {@code .sql} files below a folder inside a jar, given the folder's {@code jar:} URL
 * as the class loader returned it.
 *
 * <ol>
 *   <li>Opens the URL's {@link JarURLConnection}. The JDK's handler returns one for
 *       {@code jar:file:/app.jar!/db/migrations}; Spring Boot's launcher returns one for its nested URLs,
 *       {@code jar:nested:/app.jar/!BOOT-INF/classes/!/db/migrations}, whose jar file presents the entries of
 *       {@code BOOT-INF/classes/} relative to it.</li>
 *   <li>Turns caching off before connecting, so the connection opens a jar file of its own instead of
 *       handing out the shared cached one, and closes that jar file when done.</li>
 *   <li>Lists the entries whose names start with the connection's entry name followed by {@code /} and reads
 *       every {@code .sql} file while the jar is open (migrations are small, and all of them are read
 *       anyway); a file over {@link #LARGE_FILE} is read later through its own URL, without keeping its bytes. Folders that have no entry of their own are implied by the paths of the files in them.</li>
 * </ol>
 */
final class JarScanner {

    /**
     * Files larger than this (a data import) are not read while the jar is listed but when they are read: their bytes
     * would otherwise stay in the heap with the scanned entry for as long as the migrations are cached.
     */
    static final long LARGE_FILE = 1 << 20;

    private JarScanner() {}

    /**
     * @param url a {@code jar:} URL of a folder
     * @param location the location the URL was found for, named when it is a file rather than a folder
     * @return what is below the folder
     * @throws IOException if the jar cannot be read, or the URL's handler does not give a
     *     {@link JarURLConnection}
     */
    static ScannedTree scan(URL url, Location location) throws IOException {
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("the handler of " + url + " does not give a JarURLConnection but a "
                    + connection.getClass().getName());
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            String folder = jarConnection.getEntryName();
            JarEntry folderEntry = folder == null ? null : jar.getJarEntry(folder);
            if (folderEntry != null && !folderEntry.isDirectory()) {
                throw LocationScanner.notAFolder(location, url.toString());
            }
            String prefix = folder == null || folder.isEmpty() ? "" : (folder.endsWith("/") ? folder : folder + "/");
            String jarUrl = jarConnection.getJarFileURL().toString();
            List<ScannedEntry> entries = new ArrayList<>();
            Enumeration<JarEntry> all = jar.entries();
            while (all.hasMoreElements()) {
                JarEntry entry = all.nextElement();
                String name = entry.getName();
                if (!name.startsWith(prefix) || name.length() == prefix.length()) {
                    continue;
                }
                String identity = "jar:" + jarUrl + "!/" + name;
                if (entry.isDirectory()) {
                    entries.add(ScannedEntry.directory(stripTrailingSlash(name.substring(prefix.length())), identity));
                } else if (ScannedEntry.isSql(name) && entry.getSize() > LARGE_FILE) {
                    String relative = name.substring(prefix.length());
                    URL entryUrl = new URL(url.toString().endsWith("/") ? url : new URL(url + "/"), relative);
                    entries.add(ScannedEntry.file(relative, identity, () -> read(entryUrl)));
                } else if (ScannedEntry.isSql(name)) {
                    byte[] bytes = read(jar, entry);
                    entries.add(ScannedEntry.file(name.substring(prefix.length()), identity, bytes::clone));
                }
            }
            return new ScannedTree(url.toString(), entries);
        }
    }

    /** A file read from its own URL when needed, so that its bytes are not kept after it was read and checked. */
    private static byte[] read(URL entry) throws IOException {
        URLConnection connection = entry.openConnection();
        connection.setUseCaches(false);
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static String stripTrailingSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
