package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lint baseline (strong_migrations' {@code start_after}): the migrations up to and including a version are
 * never reported, so that a history written before Slipway is adopted needs no rewrite, and its applied files keep
 * their checksums. They are still read, in version order, for what they tell the linter about the schema (column
 * types, validated checks); only their findings are left out.
 *
 * <p>Versions are ordered numerically, so the version need not be one of a file: every migration at or below it is
 * left out. A version above every migration leaves them all out, which is logged as a warning (a digit too many
 * would otherwise silence the linter for years).
 */
public final class LintStartAfter {

    private static final Logger log = LoggerFactory.getLogger(LintStartAfter.class);

    private static final LintStartAfter NONE = new LintStartAfter(null);

    private final MigrationVersion version;

    private LintStartAfter(MigrationVersion version) {
        this.version = version;
    }

    /**
     * @param version a migration version ({@code 20240101000000}, {@code 2.1}), or null for no baseline
     * @throws IllegalArgumentException when {@code version} is not a migration version
     */
    public static LintStartAfter of(String version) {
        return version == null ? NONE : new LintStartAfter(MigrationVersion.parse(version));
    }

    /**
     * Checks the form of a start-after version and returns it stripped, or null for a null or blank one.
     *
     * @param name the option's name, for the message
     * @throws IllegalArgumentException naming the option when {@code version} is not a migration version
     */
    public static String check(String version, String name) {
        if (version == null || version.isBlank()) {
            return null;
        }
        String stripped = version.strip();
        try {
            MigrationVersion.parse(stripped);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + name + "' must be the version of a migration: digits, optionally"
                            + " separated by '.' or '_', as in a folder name (20240101000000 of 20240101000000_create_users)"
                            + " or a Flyway file name (2.1 of V2.1__add_email.sql); '" + version + "' is not one",
                    e);
        }
        return stripped;
    }

    /** The version, if there is a baseline. */
    public Optional<String> version() {
        return Optional.ofNullable(version).map(MigrationVersion::toString);
    }

    /**
     * Whether the linter reports the findings of this migration: it is newer than the baseline, or there is none. A
     * repeatable migration has no version and is always linted: it runs only when it is new or changed.
     */
    public boolean lints(MigrationScript script) {
        return version == null || script.repeatable() || script.version().compareTo(version) > 0;
    }

    /**
     * Logs a warning when the baseline is above every migration on disk: then none is linted.
     *
     * @param all every migration on disk, in version order (repeatable ones, which have no version, are passed over)
     */
    public void warnIfAboveEvery(List<MigrationScript> all) {
        List<MigrationScript> scripts =
                all.stream().filter(script -> !script.repeatable()).toList();
        if (version == null || scripts.isEmpty()) {
            return;
        }
        MigrationScript newest = scripts.get(scripts.size() - 1);
        if (newest.version().compareTo(version) < 0) {
            log.warn(
                    "The lint baseline (start after {}) is above every migration, the newest being {}: no migration"
                            + " is linted, nor will be until one has a version above {}. Set it to the newest migration that"
                            + " is not to be linted.",
                    version,
                    newest.id(),
                    version);
        }
    }
}
