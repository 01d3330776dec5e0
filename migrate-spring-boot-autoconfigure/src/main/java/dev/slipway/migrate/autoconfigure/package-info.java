/**
 * Spring Boot auto-configuration of Slipway: {@code slipway.*} properties, migrations applied at startup
 * before the beans that use the database, and the application's {@code Backfill} beans run in the background once
 * it is ready.
 */
package dev.slipway.migrate.autoconfigure;
