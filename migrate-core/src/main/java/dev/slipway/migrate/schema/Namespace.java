package dev.slipway.migrate.schema;

/**
 * A schema ({@code CREATE SCHEMA}).
 *
 * @param name its name
 * @param comment its comment, or null
 */
public record Namespace(String name, String comment) {}
