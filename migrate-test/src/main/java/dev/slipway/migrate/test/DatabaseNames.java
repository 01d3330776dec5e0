package dev.slipway.migrate.test;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;

/**
 * Names of test databases: {@code slipway_<class>[_<hint>]_<random>}, lower case letters, digits and underscores
 * only, at most {@value #MAX_LENGTH} characters (PostgreSQL's identifier limit), so they never need quoting.
 */
final class DatabaseNames {

    static final int MAX_LENGTH = 63;
    private static final String PREFIX = "slipway_";
    private static final int RANDOM_LENGTH = 8;
    private static final int MAX_HINT_LENGTH = 16;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Random RANDOM = new SecureRandom();

    private DatabaseNames() {}

    /**
     * A new name.
     *
     * @param className the test class's simple name
     * @param hint an extra word, or {@code null}
     */
    static String generate(String className, String hint) {
        String hintPart = hint == null ? "" : truncate(sanitize(hint), MAX_HINT_LENGTH);
        String suffix = (hintPart.isEmpty() ? "" : "_" + hintPart) + "_" + random();
        String classPart = truncate(sanitize(className), MAX_LENGTH - PREFIX.length() - suffix.length());
        return PREFIX + (classPart.isEmpty() ? "test" : classPart) + suffix;
    }

    private static String sanitize(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    private static String truncate(String word, int length) {
        return word.length() <= length ? word : word.substring(0, length);
    }

    private static String random() {
        StringBuilder random = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            random.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return random.toString();
    }
}
