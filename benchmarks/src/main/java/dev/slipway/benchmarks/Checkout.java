package dev.slipway.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The git checkout a benchmark ran in: its root (where {@code README.md} is), the commit checked out, and whether
 * the tree had changes not committed yet when the run began.
 *
 * <p>Changes to Markdown files do not count: the benchmarks write {@code README.md} and {@code docs/*.md}
 * themselves, and no code that is measured reads them, so a run right after another benchmark's run, before its
 * figures are committed, still ran on the commit it names. Every other change, untracked files included, does.
 *
 * @param root the top folder of the checkout
 * @param commit the abbreviated hash of {@code HEAD}
 * @param uncommittedChanges whether files other than Markdown differed from {@code HEAD}
 */
record Checkout(Path root, String commit, boolean uncommittedChanges) {

    /** The checkout that holds {@code file} (which need not exist yet), or empty when it is in none. */
    static Optional<Checkout> containing(Path file) throws IOException, InterruptedException {
        if (file == null) {
            return Optional.empty();
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        while (folder != null && !Files.isDirectory(folder)) {
            folder = folder.getParent();
        }
        if (folder == null) {
            return Optional.empty();
        }
        GitOutput top = git(folder, "rev-parse", "--show-toplevel");
        if (top.exitCode() != 0) {
            return Optional.empty();
        }
        Path root = Path.of(top.text().strip());
        return Optional.of(new Checkout(
                root,
                gitRequired(root, "rev-parse", "--short", "HEAD").strip(),
                hasUncommittedChanges(gitRequired(root, "status", "--porcelain", "--untracked-files=all"))));
    }

    /** {@code README.md} at the root of the checkout. */
    Path readme() {
        return root.resolve("README.md");
    }

    /** E.g. {@code 423b914} or {@code 423b914 + uncommitted changes}. */
    String describe() {
        return commit + (uncommittedChanges ? " + uncommitted changes" : "");
    }

    /** Whether {@code git status --porcelain} lists a path that is not a Markdown file. */
    static boolean hasUncommittedChanges(String porcelain) {
        return porcelain
                .lines()
                .filter(line -> !line.isBlank())
                .flatMap(line -> paths(line).stream())
                .anyMatch(path -> !path.endsWith(".md"));
    }

    /** The paths of one porcelain line: {@code XY path}, or {@code XY from -> to} for a rename (both count). */
    private static List<String> paths(String line) {
        String paths = line.length() > 3 ? line.substring(3) : "";
        int arrow = paths.indexOf(" -> ");
        List<String> all = arrow < 0 ? List.of(paths) : List.of(paths.substring(0, arrow), paths.substring(arrow + 4));
        return all.stream()
                .map(path -> path.startsWith("\"") && path.endsWith("\"") && path.length() > 1
                        ? path.substring(1, path.length() - 1)
                        : path)
                .toList();
    }

    /** What a git command printed on standard output, or on standard error when it failed. */
    private record GitOutput(int exitCode, String text) {}

    /** Runs git in {@code folder}; exit code -1 when there is no git to run. */
    private static GitOutput git(Path folder, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return new GitOutput(-1, "cannot run git: " + e.getMessage());
        }
        process.getOutputStream().close();
        String out;
        String err;
        try (InputStream stdout = process.getInputStream();
                InputStream stderr = process.getErrorStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(
                    "git " + String.join(" ", arguments) + " in " + folder + " did not finish in a minute");
        }
        int exitCode = process.exitValue();
        return new GitOutput(exitCode, exitCode == 0 ? out : err);
    }

    /** The output of a git command that must succeed in a checkout found already. */
    private static String gitRequired(Path folder, String... arguments) throws IOException, InterruptedException {
        GitOutput output = git(folder, arguments);
        if (output.exitCode() != 0) {
            throw new IOException("git " + String.join(" ", arguments) + " failed in " + folder + " (exit "
                    + output.exitCode() + "): " + output.text().strip());
        }
        return output.text();
    }
}
