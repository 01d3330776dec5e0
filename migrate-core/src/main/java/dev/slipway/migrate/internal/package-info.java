/**
 * The implementation of Slipway, not an API: discovery of migration files, the SQL splitter, the history table,
 * the advisory lock, the runner and the PostgreSQL specifics. Nothing here is meant to be used from outside
 * Slipway's own modules, and anything may change in any release.
 */
package dev.slipway.migrate.internal;
