/**
 * Spring Boot auto-configuration of Slipway: {@code slipway.*} properties, migrations applied at startup
 * before the beans that use the database.
 */
package dev.slipway.migrate.autoconfigure;
