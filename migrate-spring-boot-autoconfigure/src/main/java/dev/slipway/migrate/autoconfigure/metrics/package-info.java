/**
 * Slipway's Micrometer meters ({@code slipway.*}), recorded from the events of the core engine.
 */
package dev.slipway.migrate.autoconfigure.metrics;
