package dev.slipway.migrate.lint;

import dev.slipway.migrate.MigrationLintException;
import dev.slipway.migrate.internal.discovery.MigrationLoader;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.lint.LintStartAfter;
import dev.slipway.migrate.internal.lint.Linter;
import dev.slipway.migrate.internal.lint.Rule;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The migration linter, for tests and tools: checks migration files without a database, so that CI fails before
 * a deploy does.
 *
 * <pre>{@code
 * @Test
 * void migrationsAreSafeToApplyWhileTheAppServesTraffic() {
 *     SlipwayLint.assertSafe("classpath:db/migrations");
 * }
 * }</pre>
 *
 * <p>Every statement of every migration is checked (the same rules {@code migrate()} applies to the pending
 * ones). A table counts as existing unless the same migration created it; the column types that some rules need
 * are learnt from the earlier migrations in the set. Findings accepted by {@code -- slipway:allow <rule> <reason>}
 * are left out; an allow with an unknown rule or without a reason is itself an error ({@value #INVALID_ALLOW}).
 * Besides the rules, {@code data-loss} is a known id: it turns off the live data-loss checks that
 * {@code migrate()} runs against the database right before a statement (see
 * {@link dev.slipway.migrate.MigrationDataLossException}), and needs a reason too.
 *
 * <p>A team that adopts Slipway with a history written before lints only what it writes from then on, without
 * touching the files already applied (their checksums stay), with a baseline: the migrations up to and including
 * a version are read for what they tell about the schema but never reported, as {@code slipway.lint.start-after}
 * does at startup.
 *
 * <pre>{@code
 * SlipwayLint.startAfter("20240301000000").assertSafe("classpath:db/migrations");
 * }</pre>
 *
 * <p>Without a database, every migration above the baseline is linted as if the ones before it were applied.
 * Repeatable migrations ({@code R__<description>.sql}) are linted after the versioned ones, as they apply, whatever
 * the baseline: they have no version, and {@code migrate()} lints each one that is new or changed.
 */
public final class SlipwayLint {

    /** The id of the finding for an {@code -- slipway:allow} that names an unknown rule or gives no reason. */
    public static final String INVALID_ALLOW = "invalid-allow";

    private SlipwayLint() {}

    /**
     * Lints the migrations of the given locations, read from the thread's context class loader for
     * {@code classpath:} locations.
     *
     * @param locations as in {@code SlipwayConfig.locations}: {@code classpath:db/migrations},
     *     {@code filesystem:src/main/resources/db/migrations}
     * @throws dev.slipway.migrate.InvalidMigrationException when a migration file cannot be read or split
     */
    public static LintReport lint(String... locations) {
        return lint(Arrays.asList(Objects.requireNonNull(locations, "'locations' must not be null")), classLoader());
    }

    /** Lints the migrations of the given locations, reading {@code classpath:} locations from the class loader. */
    public static LintReport lint(List<String> locations, ClassLoader classLoader) {
        Objects.requireNonNull(locations, "'locations' must not be null");
        Objects.requireNonNull(classLoader, "'classLoader' must not be null");
        return Linter.lintAll(loadAll(locations, classLoader));
    }

    /**
     * The linter with a baseline: the migrations up to and including {@code version} are read for what they tell
     * about the schema (column types), but their findings are never reported. Versions are ordered numerically, so
     * {@code version} need not be one of a file; one above every migration reports nothing, and logs a warning.
     *
     * @param version a migration version: {@code 20240301000000} (of a folder
     *     {@code 20240301000000_add_email}) or {@code 2.1} (of a Flyway file {@code V2.1__add_email.sql})
     * @throws IllegalArgumentException when {@code version} is empty or not a migration version
     */
    public static Baseline startAfter(String version) {
        Objects.requireNonNull(version, "'version' must not be null");
        String checked = LintStartAfter.check(version, "version");
        if (checked == null) {
            throw new IllegalArgumentException("'version' must not be empty");
        }
        return new Baseline(LintStartAfter.of(checked));
    }

    /**
     * Lints the migrations of the given locations and fails when a finding of severity {@code ERROR} remains.
     *
     * @throws MigrationLintException listing every finding (errors and warnings) with file, line, statement, rule,
     *     lock and safe alternative
     */
    public static void assertSafe(String... locations) {
        LintReport report = lint(locations);
        if (report.hasErrors()) {
            throw new MigrationLintException(report.findings());
        }
    }

    /** Every rule of the linter, in the order the documentation lists them. */
    public static List<LintRule> rules() {
        return Rule.descriptions();
    }

    /**
     * The linter with a baseline, from {@link SlipwayLint#startAfter(String)}: it lints like {@link SlipwayLint},
     * leaving out the findings of the migrations up to and including the baseline's version.
     */
    public static final class Baseline {

        private final LintStartAfter startAfter;

        private Baseline(LintStartAfter startAfter) {
            this.startAfter = startAfter;
        }

        /** The version up to which (inclusive) migrations are not reported, as given. */
        public String version() {
            return startAfter.version().orElseThrow();
        }

        /**
         * Lints the migrations of the given locations above the baseline, read from the thread's context class
         * loader for {@code classpath:} locations.
         *
         * @throws dev.slipway.migrate.InvalidMigrationException when a migration file cannot be read or split
         */
        public LintReport lint(String... locations) {
            return lint(
                    Arrays.asList(Objects.requireNonNull(locations, "'locations' must not be null")), classLoader());
        }

        /** Lints the migrations of the given locations above the baseline, reading {@code classpath:} ones from the class loader. */
        public LintReport lint(List<String> locations, ClassLoader classLoader) {
            Objects.requireNonNull(locations, "'locations' must not be null");
            Objects.requireNonNull(classLoader, "'classLoader' must not be null");
            List<MigrationScript> scripts = loadAll(locations, classLoader);
            startAfter.warnIfAboveEvery(scripts);
            return Linter.lint(scripts, startAfter::lints);
        }

        /**
         * Lints the migrations of the given locations above the baseline and fails when a finding of severity
         * {@code ERROR} remains.
         *
         * @throws MigrationLintException listing every finding (errors and warnings)
         */
        public void assertSafe(String... locations) {
            LintReport report = lint(locations);
            if (report.hasErrors()) {
                throw new MigrationLintException(report.findings());
            }
        }

        @Override
        public String toString() {
            return "SlipwayLint.startAfter(" + version() + ")";
        }
    }

    /** The versioned migrations in version order, then the repeatable ones in description order, as they apply. */
    private static List<MigrationScript> loadAll(List<String> locations, ClassLoader classLoader) {
        MigrationLoader.Found found = MigrationLoader.scanAll(locations, classLoader);
        List<MigrationScript> scripts = new java.util.ArrayList<>(MigrationLoader.parse(found.versioned()));
        scripts.addAll(MigrationLoader.parse(found.repeatable()));
        return scripts;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SlipwayLint.class.getClassLoader();
    }
}
