package dev.slipway.migrate.internal.postgres;

/** Quoting of identifiers for SQL that Slipway writes itself. */
public final class Identifiers {

    private Identifiers() {}

    /** {@code my"table} → {@code "my""table"}: always quoted, so names are taken exactly as configured. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
