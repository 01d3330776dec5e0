/**
 * The migration linter: rules in the spirit of squawk and strong_migrations that catch DDL which locks a busy
 * table for long, rewrites it, or breaks the instances of the previous version still serving traffic.
 *
 * <ul>
 *   <li>{@link dev.slipway.migrate.lint.SlipwayLint} — lint migration files from a test:
 *       {@code SlipwayLint.assertSafe("classpath:db/migrations")}.</li>
 *   <li>{@link dev.slipway.migrate.lint.LintReport}, {@link dev.slipway.migrate.lint.LintFinding} — what was
 *       found: file, line, statement, rule, lock, problem and the safe alternative.</li>
 *   <li>{@link dev.slipway.migrate.lint.LintRule}, {@link dev.slipway.migrate.lint.LintSeverity} — the
 *       rules.</li>
 * </ul>
 *
 * {@code Slipway.migrate()} runs the same linter on the pending migrations before applying any, as
 * {@link dev.slipway.migrate.SlipwayConfig#lintMode()} says; a failure is a
 * {@link dev.slipway.migrate.MigrationLintException}.
 */
package dev.slipway.migrate.lint;
