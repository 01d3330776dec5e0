/**
 * Failure analyzers that turn a startup stopped by Slipway into Spring Boot's "APPLICATION FAILED TO START"
 * report: a description naming the migration, file, line and statement and what PostgreSQL said, and an action
 * with the fix. Registered in {@code META-INF/spring.factories}.
 */
package dev.slipway.migrate.autoconfigure.diagnostics;
