package dev.slipway.migrate.internal.discovery;

import java.util.List;

/**
 * The folders and {@code .sql} files below one root of a location. A classpath location may have several
 * roots (a folder of classes and a jar, say); each is laid out on its own.
 *
 * @param root the root, for log messages: a folder or a jar URL
 * @param entries what was found below it
 */
record ScannedTree(String root, List<ScannedEntry> entries) {

    ScannedTree {
        entries = List.copyOf(entries);
    }
}
