package dev.slipway.migrate.schema;

/**
 * A trigger of a table (not an internal one, such as those that enforce foreign keys).
 *
 * @param name its name
 * @param definition as {@code pg_get_triggerdef} prints it
 * @param function the function it calls
 * @param enabled {@code O} (origin, the default), {@code D} (disabled), {@code R} (replica) or {@code A} (always),
 *     as {@code pg_trigger.tgenabled}
 * @param inherited whether a partition has it from its parent
 * @param comment its comment, or null
 */
public record Trigger(
        String name, String definition, QualifiedName function, char enabled, boolean inherited, String comment) {}
