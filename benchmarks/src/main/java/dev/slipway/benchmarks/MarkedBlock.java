package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A block of a Markdown file that a benchmark writes, between two marker comments that name it:
 *
 * <pre>
 * &lt;!-- slipway:benchmark migration begin --&gt;
 * ... written by the benchmark ...
 * &lt;!-- slipway:benchmark migration end --&gt;
 * </pre>
 *
 * <ol>
 *   <li>Find the begin marker, which must appear once, and the end marker after it, which must appear once.</li>
 *   <li>Replace what lies between them (the line break after the begin marker up to the end marker's line) with
 *       the new content, which always ends in a line break.</li>
 *   <li>Keep both markers and every byte before and after them as they were.</li>
 * </ol>
 *
 * A missing, repeated or misplaced marker is an error that names the file and the marker, so that a benchmark
 * never appends its figures somewhere unexpected or silently writes nowhere.
 */
final class MarkedBlock {

    private MarkedBlock() {}

    static String begin(String name) {
        return "<!-- slipway:benchmark " + name + " begin -->";
    }

    static String end(String name) {
        return "<!-- slipway:benchmark " + name + " end -->";
    }

    /** The content between the two markers, as a block to put in a file that does not have one yet. */
    static String wrapped(String name, String content) {
        return begin(name) + "\n" + withLineBreak(content) + end(name) + "\n";
    }

    /** Rewrites the block {@code name} of {@code file} (UTF-8) with {@code content}. */
    static void rewrite(Path file, String name, String content) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, replace(text, name, content, file.toString()), StandardCharsets.UTF_8);
    }

    /**
     * {@code text} with the block {@code name} holding {@code content}; {@code file} names the text in errors.
     *
     * @throws IllegalStateException when either marker is missing or appears twice, or the end comes first
     */
    static String replace(String text, String name, String content, String file) {
        String begin = begin(name);
        String end = end(name);
        int beginAt = once(text, begin, name, file);
        int endAt = once(text, end, name, file);
        if (endAt < beginAt) {
            throw new IllegalStateException(file + " has the marker " + end + " before " + begin
                    + ": put the begin marker first, where the " + name + " benchmark's figures go.");
        }
        int contentStart = beginAt + begin.length();
        String before = text.substring(0, contentStart);
        String after = text.substring(endAt);
        return before + "\n" + withLineBreak(content) + after;
    }

    private static int once(String text, String marker, String name, String file) {
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException(file + " has no marker " + marker + ". The " + name
                    + " benchmark writes its figures between " + begin(name) + " and " + end(name)
                    + ": put both lines where they go, then run the benchmark again.");
        }
        if (text.indexOf(marker, at + marker.length()) >= 0) {
            throw new IllegalStateException(file + " has the marker " + marker + " more than once. Keep one "
                    + begin(name) + " ... " + end(name) + " block, then run the benchmark again.");
        }
        return at;
    }

    private static String withLineBreak(String content) {
        return content.isEmpty() || content.endsWith("\n") ? content : content + "\n";
    }
}
