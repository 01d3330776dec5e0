/**
 * Slipway's public API: everything an application, a CLI or an integration module touches.
 *
 * <ul>
 *   <li>{@link dev.slipway.migrate.Slipway} — the entry point: {@code migrate()} (expand migrations),
 *       {@code contract()} (contract migrations whose conditions hold), {@code status()}, {@code validate()},
 *       {@code resolve(..)}, and the fleet registry: {@code heartbeat()}, {@code leave()}, {@code instances()};
 *       built over a {@link javax.sql.DataSource} with a {@link dev.slipway.migrate.SlipwayConfig} (every default
 *       a named constant there).</li>
 *   <li>Results: {@link dev.slipway.migrate.MigrateResult}, {@link dev.slipway.migrate.ContractResult},
 *       {@link dev.slipway.migrate.MigrationStatus}, {@link dev.slipway.migrate.MigrationInfo},
 *       {@link dev.slipway.migrate.ValidationResult}, {@link dev.slipway.migrate.InstanceInfo}.</li>
 *   <li>Exceptions, all {@link dev.slipway.migrate.SlipwayException}s carrying their facts as fields:
 *       {@link dev.slipway.migrate.InvalidMigrationException} (a file that cannot be used),
 *       {@link dev.slipway.migrate.MigrationValidationException} (files and history disagree),
 *       {@link dev.slipway.migrate.MigrationFailedException} (a statement failed),
 *       {@link dev.slipway.migrate.LockWaitTimeoutException} (another instance kept the lock),
 *       {@link dev.slipway.migrate.UnsupportedDatabaseException} (not PostgreSQL 12 or newer; refused before any SQL),
 *       {@link dev.slipway.migrate.TransactionPoolerException} (the connections go through a transaction pooler;
 *       refused before any lock),
 *       {@link dev.slipway.migrate.MigrationLintException} (the linter found unsafe DDL in pending migrations;
 *       see {@link dev.slipway.migrate.LintMode} and the package {@code dev.slipway.migrate.lint}).</li>
 *   <li>{@link dev.slipway.migrate.SlipwayListener} — events for metrics, health and logs.</li>
 * </ul>
 *
 * Packages under {@code dev.slipway.migrate.internal} are the implementation: they may change in any release
 * and never appear in a public signature.
 */
package dev.slipway.migrate;
