package dev.slipway.migrate.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes numbered migrations into a temporary folder and lints them with {@link SlipwayLint}. */
final class LintFixture {

    private final Path root;
    private int version;

    LintFixture(Path root) {
        this.root = root;
    }

    /** Adds {@code <n>_m<n>/migration.sql} with the next version. */
    LintFixture add(String sql) {
        version++;
        try {
            Path dir = root.resolve(version + "_m" + version);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("migration.sql"), sql, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String location() {
        return "filesystem:" + root.toAbsolutePath();
    }

    LintReport lint() {
        return SlipwayLint.lint(location());
    }

    /** The rule ids of every finding, in order. */
    List<String> rules() {
        return lint().findings().stream().map(LintFinding::rule).toList();
    }

    /** The single finding; fails if there is not exactly one. */
    LintFinding only() {
        List<LintFinding> findings = lint().findings();
        if (findings.size() != 1) {
            throw new AssertionError(
                    "Expected one finding, found " + findings.size() + ":\n" + new LintReport(findings));
        }
        return findings.get(0);
    }
}
