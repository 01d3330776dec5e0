package dev.slipway.migrate.internal.discovery;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a duration the way PostgreSQL writes time settings: a whole number and a unit, {@code 500ms},
 * {@code 2s}, {@code 10min} (also {@code 10m}), {@code 1h}, {@code 1d}; a bare number is milliseconds, the
 * unit of {@code lock_timeout} and {@code statement_timeout}. Zero is allowed (PostgreSQL reads it as "no
 * timeout").
 */
final class PostgresDuration {

    /** How to write a duration, for error messages. */
    static final String FORMS = "500ms, 2s, 10min (or 10m), 1h, or a number of milliseconds";

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*(ms|s|min|m|h|d)?");

    private PostgresDuration() {}

    /**
     * @throws IllegalArgumentException if the text is not such a duration or does not fit a {@link Duration}
     */
    static Duration parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration");
        }
        try {
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "min", "m" -> Duration.of(amount, ChronoUnit.MINUTES);
                case "h" -> Duration.of(amount, ChronoUnit.HOURS);
                case "d" -> Duration.of(amount, ChronoUnit.DAYS);
                default -> throw new IllegalStateException("Unit " + unit + " is in the pattern but not handled");
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
    }
}
