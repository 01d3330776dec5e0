package dev.slipway.migrate;

/**
 * One reason why another tool's history cannot be imported.
 *
 * @param migration the migration concerned, as that tool names it ({@code 2.1}, {@code 20240101000000_init},
 *     {@code R__users_view}), or null when the problem is not about one migration
 * @param description what is wrong, with the facts side by side (both checksums, the row's state, the file)
 * @param action what to do about it
 */
public record AdoptionProblem(String migration, String description, String action) {

    /** The description and the action, as one text. */
    public String message() {
        return (migration == null ? "" : migration + ": ") + description + "\n   -> " + action;
    }
}
