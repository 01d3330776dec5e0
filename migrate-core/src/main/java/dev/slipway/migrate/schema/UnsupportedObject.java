package dev.slipway.migrate.schema;

/**
 * An object of a kind the model does not hold: a plan never creates, changes or drops it, and says so.
 *
 * @param kind what it is, in words ({@code domain}, {@code policy}, {@code aggregate})
 * @param name its name, qualified where it has a schema ({@code public.positive_int}, {@code orders_owner on
 *     public.orders})
 */
public record UnsupportedObject(String kind, String name) {}
