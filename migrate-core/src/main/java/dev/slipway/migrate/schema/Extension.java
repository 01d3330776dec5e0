package dev.slipway.migrate.schema;

/**
 * An installed extension.
 *
 * @param name its name ({@code pgcrypto})
 * @param schema the schema its objects were created in
 * @param version the installed version
 */
public record Extension(String name, String schema, String version) {}
