package dev.slipway.migrate.internal.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The acceptance corpus: every case under {@code schema-diff/cases}, ordered by group and file name. */
final class DiffCaseCorpus {

    static final String ROOT = "schema-diff/cases";

    /**
     * The groups the corpus must have cases for, one per kind of object (and the realistic releases); a group
     * folder that is not listed here is an error too, so that a new group is a decision.
     */
    static final List<String> GROUPS = List.of(
            "schemas",
            "extensions",
            "enums",
            "sequences",
            "tables",
            "columns",
            "constraints",
            "indexes",
            "partitions",
            "views",
            "materialized_views",
            "functions",
            "triggers",
            "comments",
            "quoted_identifiers",
            "realistic");

    private DiffCaseCorpus() {}

    /** The folder of the corpus on disk (test resources are files under target/test-classes). */
    static Path root() {
        URL url = DiffCaseCorpus.class.getClassLoader().getResource(ROOT);
        if (url == null) {
            throw new IllegalStateException("test resource " + ROOT + " not found on the class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every group folder's name, sorted. */
    static List<String> groupFolders() {
        try (Stream<Path> folders = Files.list(root())) {
            return folders.filter(Files::isDirectory)
                    .map(folder -> folder.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every case, parsed; a file that is not a valid case throws, naming it. */
    static List<DiffCase> all() {
        List<DiffCase> cases = new ArrayList<>();
        for (String group : groupFolders()) {
            cases.addAll(group(group));
        }
        return cases;
    }

    /** The cases of one group, in file name order. */
    static List<DiffCase> group(String group) {
        try (Stream<Path> files = Files.list(root().resolve(group))) {
            List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
            List<DiffCase> cases = new ArrayList<>();
            for (Path file : sorted) {
                cases.add(DiffCase.parse(
                        group, file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
