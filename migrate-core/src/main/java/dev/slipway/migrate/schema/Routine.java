package dev.slipway.migrate.schema;

/**
 * A function or a procedure.
 *
 * @param name its name
 * @param identityArguments its argument types as {@code pg_get_function_identity_arguments} prints them
 *     ({@code a integer, b text}): with the name, what identifies it among overloads
 * @param procedure whether it is a procedure
 * @param definition the whole {@code CREATE OR REPLACE ...} as {@code pg_get_functiondef} prints it
 * @param comment its comment, or null
 */
public record Routine(
        QualifiedName name, String identityArguments, boolean procedure, String definition, String comment) {

    /** The routine as SQL names it in {@code DROP} or {@code COMMENT}: {@code public.touch(a integer)}. */
    public String signature() {
        return name.toSql() + "(" + identityArguments + ")";
    }
}
