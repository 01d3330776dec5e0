package dev.slipway.migrate.lint;

import dev.slipway.migrate.MigrationLintException;
import dev.slipway.migrate.internal.discovery.MigrationLoader;
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
 */
public final class SlipwayLint {

    /** The id of the finding for an {@code -- slipway:allow} that names an unknown rule or gives no reason. */
    public static final String INVALID_ALLOW = "invalid-allow";

    private SlipwayLint() {
    }

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
        return Linter.lintAll(MigrationLoader.load(locations, classLoader));
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

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SlipwayLint.class.getClassLoader();
    }
}
