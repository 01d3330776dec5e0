package dev.slipway.migrate.internal.discovery;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The version of a migration, as written in its folder name ({@code 20240101000000}) or Flyway file name
 * ({@code 2}, {@code 2.1}, {@code 1_1}, which means 1.1).
 *
 * <p>A version is a list of numbers, separated by {@code .} or {@code _}. Versions are compared number by
 * number, numerically (V2 &lt; V2.1 &lt; V10), and missing trailing numbers count as zero, so {@code 1} and
 * {@code 1.0} are the same version. Numbers have no size limit.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

    private static final Pattern SYNTAX = Pattern.compile("\\d+(?:[._]\\d+)*");

    private final String text;
    /** The numbers without trailing zeros, so that equal versions have equal lists. */
    private final List<BigInteger> parts;

    private MigrationVersion(String text, List<BigInteger> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Parses a version as written in a file or folder name.
     *
     * @param version digits, optionally separated by {@code .} or {@code _}
     * @throws IllegalArgumentException if {@code version} has another form
     */
    public static MigrationVersion parse(String version) {
        Objects.requireNonNull(version, "'version' must not be null");
        if (!SYNTAX.matcher(version).matches()) {
            throw new IllegalArgumentException("'" + version + "' is not a migration version: use digits, "
                    + "optionally separated by '.' or '_' (20240101000000, 2, 2.1, 1_1)");
        }
        // Split by hand: String.split with a character class compiles a pattern on every call, and a restart
        // parses every version on disk and in the history.
        List<BigInteger> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= version.length(); i++) {
            if (i == version.length() || version.charAt(i) == '.' || version.charAt(i) == '_') {
                parts.add(new BigInteger(version.substring(start, i)));
                start = i + 1;
            }
        }
        int size = parts.size();
        while (size > 0 && parts.get(size - 1).signum() == 0) {
            size--;
        }
        return new MigrationVersion(version.replace('_', '.'), List.copyOf(parts.subList(0, size)));
    }

    @Override
    public int compareTo(MigrationVersion other) {
        int length = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < length; i++) {
            int order = part(i).compareTo(other.part(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private BigInteger part(int index) {
        return index < parts.size() ? parts.get(index) : BigInteger.ZERO;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigrationVersion version && parts.equals(version.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** The version as written in the file name, with {@code _} turned into {@code .}: {@code 1_1} is {@code 1.1}. */
    @Override
    public String toString() {
        return text;
    }
}
