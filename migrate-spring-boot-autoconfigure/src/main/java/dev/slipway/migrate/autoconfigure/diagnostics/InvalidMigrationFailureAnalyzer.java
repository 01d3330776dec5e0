package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.MigrationLocationNotFoundException;
import dev.slipway.migrate.Setting;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes an {@link InvalidMigrationException}: a migration file or location that Slipway cannot use as it is
 * (a bad name, a file that is not UTF-8, an unterminated string, an unknown directive, ...), with its file and
 * line, and the fix. A missing {@code db/migrations} next to Flyway's {@code db/migration} says to move the files or
 * to set {@code slipway.locations} to Flyway's folder.
 */
class InvalidMigrationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMigrationException> {

    private static final String CLASSPATH = "classpath:";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMigrationException cause) {
        if (cause instanceof MigrationLocationNotFoundException notFound
                && notFound.getFlywayLocation().isPresent()) {
            return atFlywayLocation(notFound, notFound.getFlywayLocation().get());
        }
        String where = cause.getSource() + ((cause.getLine() > 0) ? ", line " + cause.getLine() : "");
        String description =
                "Slipway cannot use the migration at " + where + ":\n    " + capitalized(cause.getProblem());
        String action = SpringSettings.render(
                cause.getAction(), "Fix " + where + " as described above, then start the application again.");
        return new FailureAnalysis(description, action, cause);
    }

    /**
     * The configured location is missing, but Flyway's default folder next to it exists: says so, and the two ways
     * on in Spring terms (move the files, or {@code slipway.locations}).
     */
    private static FailureAnalysis atFlywayLocation(MigrationLocationNotFoundException cause, String flywayLocation) {
        String location = cause.getLocation();
        String moveTo = location.startsWith(CLASSPATH)
                ? "src/main/resources/" + location.substring(CLASSPATH.length())
                : location.substring(location.indexOf(':') + 1);
        String property = SpringSettings.property(Setting.LOCATIONS);
        String description =
                "Slipway found no migrations at " + location + " (" + property + "):\n    " + cause.getProblem();
        String action = "Move the migration files to " + moveTo + ", or set " + property + "=" + flywayLocation
                + ": Slipway reads Flyway's V<version>__<description>.sql files as they are.";
        return new FailureAnalysis(description, action, cause);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
