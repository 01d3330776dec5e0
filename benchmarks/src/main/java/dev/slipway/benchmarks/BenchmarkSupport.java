package dev.slipway.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What every benchmark needs: command-line options, rotating contenders, a median, a progress line, temporary trees. */
final class BenchmarkSupport {

    private BenchmarkSupport() {}

    /**
     * Reads {@code --name=value} arguments over the given defaults; {@code --output} is the one option without
     * a default. An unknown name or another form is refused, naming what is known.
     */
    static Map<String, String> options(Map<String, String> defaults, String... args) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Expected --name=value, got: " + arg);
            }
            String name = arg.substring(2, equals);
            if (!values.containsKey(name) && !name.equals("output")) {
                throw new IllegalArgumentException(
                        "Unknown option --" + name + "; known: " + values.keySet() + " and output");
            }
            values.put(name, arg.substring(equals + 1));
        }
        return values;
    }

    /** The absolute, normalised path of option {@code --output}, or null when it is not given. */
    static Path output(Map<String, String> values) {
        return values.containsKey("output")
                ? Path.of(values.get("output")).toAbsolutePath().normalize()
                : null;
    }

    /** The items, starting at index {@code by}: each round starts with another contender. */
    static <T> List<T> rotated(List<T> items, int by) {
        List<T> rotated = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            rotated.add(items.get((i + by) % items.size()));
        }
        return rotated;
    }

    /** The median of the values: the middle one, or the mean of the two middle ones for an even count. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("No values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Prints a progress line at once. */
    static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Deletes a folder and everything below it. */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
