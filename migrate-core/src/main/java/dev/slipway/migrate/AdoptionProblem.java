package dev.slipway.migrate;

/**
 * One reason why another tool's history cannot be imported.
 *
 * @param error what kind of problem it is: {@link SlipwayError#MIGRATION_MODIFIED},
 *     {@link SlipwayError#MIGRATION_MISSING}, {@link SlipwayError#MIGRATION_NOT_FINISHED},
 *     {@link SlipwayError#MIGRATION_OUT_OF_ORDER} or {@link SlipwayError#HISTORY_NOT_READABLE}
 * @param migration the migration concerned, as that tool names it ({@code 2.1}, {@code 20240101000000_init},
 *     {@code R__users_view}), or null when the problem is not about one migration
 * @param description what is wrong, with the facts side by side (both checksums, the row's state, the file)
 * @param action what to do about it, starting in lower case
 */
public record AdoptionProblem(SlipwayError error, String migration, String description, Action action) {

    /** The description and the action (in neutral words), as one text. */
    public String message() {
        return (migration == null ? "" : migration + ": ") + description + "\n   -> " + action;
    }
}
