package dev.slipway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code target/slipway.jar} as a child process ({@code java -jar}), in a working folder of the test's, with an
 * environment without the caller's {@code DATABASE_URL}, {@code SLIPWAY_URL} and {@code PG*} variables.
 */
final class SlipwayJar {

    /** What a run printed, and its exit code. */
    record Run(int exitCode, String stdout, String stderr) {

        String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path workingDirectory;

    SlipwayJar(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    static Path jar() {
        String jar = System.getProperty("slipway.jar", "target/slipway.jar");
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: the integration tests run after 'package'");
        }
        return path.toAbsolutePath();
    }

    Run run(String... args) {
        return run(Map.of(), args);
    }

    /** A run in the background: its output so far, and its end. */
    static final class Running {

        private final Process process;
        private final Path out;
        private final Path err;

        private Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        String stderrSoFar() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        String stdoutSoFar() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        Run await() throws IOException, InterruptedException {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("slipway did not end in 3 minutes");
            }
            return new Run(process.exitValue(), stdoutSoFar(), stderrSoFar());
        }

        boolean isAlive() {
            return process.isAlive();
        }

        void kill() {
            process.destroyForcibly();
        }
    }

    Running start(String... args) throws IOException {
        ProcessBuilder builder = builder(Map.of(), args);
        Path out = Files.createTempFile("slipway-out", ".txt");
        Path err = Files.createTempFile("slipway-err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new Running(builder.start(), out, err);
    }

    private ProcessBuilder builder(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment()
                .keySet()
                .removeIf(k -> k.equals("DATABASE_URL")
                        || k.equals("SLIPWAY_URL")
                        || k.startsWith("PG")
                        || k.equals("NO_COLOR")
                        || k.startsWith("JAVA_TOOL"));
        builder.environment().putAll(environment);
        return builder;
    }

    Run run(Map<String, String> environment, String... args) {
        ProcessBuilder builder = builder(environment, args);
        try {
            Path out = Files.createTempFile("slipway-out", ".txt");
            Path err = Files.createTempFile("slipway-err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("slipway " + String.join(" ", args) + " did not end in 3 minutes");
            }
            Run run = new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
