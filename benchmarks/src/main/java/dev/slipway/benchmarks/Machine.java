package dev.slipway.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Facts about the machine a benchmark ran on, for the reports. */
final class Machine {

    private Machine() {}

    /**
     * The report lines every benchmark shares: CPU, memory, load average before and now, operating system and the
     * JVM (without its heap, which only some reports measure in this JVM), each line ending in a newline.
     */
    static String describe(String loadBefore) {
        return "- CPU: " + Runtime.getRuntime().availableProcessors() + " cores"
                + cpuModel().map(model -> ", " + model).orElse("") + "\n"
                + String.format(
                        java.util.Locale.ROOT, "- Memory: %.1f GiB%n", totalMemoryBytes() / (1024.0 * 1024 * 1024))
                + "- Load average (1, 5, 15 min) before / after the run: " + loadBefore + " / " + loadAverage()
                + " (other work on the machine shows here)\n"
                + "- OS: " + operatingSystem() + "\n"
                + "- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }

    /**
     * The first lines of a report's "Machine and versions" of a benchmark that runs in this JVM: when it ran, the
     * commit (when the report is written into a checkout), {@link #describe} and {@link #heap}, ending in a newline.
     */
    static String runAndMachine(Optional<Checkout> checkout, String loadBefore) {
        return String.format(
                        java.util.Locale.ROOT,
                        "- Run: %s%n",
                        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                + checkout.map(c -> "- Commit: " + c.describe() + "\n").orElse("")
                + describe(loadBefore)
                + heap()
                + "\n";
    }

    /** {@code , heap -Xmx512m}: the heap of this JVM, for reports of what runs in it. */
    static String heap() {
        return ", heap -Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m";
    }

    static long totalMemoryBytes() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }

    /** The distribution's name and the kernel, e.g. "Debian GNU/Linux 12 (bookworm) (Linux 6.1 amd64)". */
    static String operatingSystem() {
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return firstValue(Path.of("/etc/os-release"), "PRETTY_NAME=")
                .map(name -> name.replace("\"", "") + " (" + kernel + ")")
                .orElse(kernel);
    }

    /** The load averages from {@code /proc/loadavg}, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static Optional<String> cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").map(line -> line.replaceFirst("^\\s*:\\s*", ""));
    }

    /** The rest of the first line of a file that starts with {@code prefix}. */
    private static Optional<String> firstValue(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
