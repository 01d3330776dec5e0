package dev.slipway.migrate;

/**
 * One reason why the migrations on disk and the history table do not agree.
 *
 * @param migration the migration concerned
 * @param error what kind of problem it is: {@link SlipwayError#MIGRATION_MODIFIED},
 *     {@link SlipwayError#MIGRATION_MISSING}, {@link SlipwayError#MIGRATION_INTERRUPTED} or
 *     {@link SlipwayError#CONTRACT_FROM_NEWER_VERSION}
 * @param description what is wrong, with the facts side by side
 * @param action what to do
 */
public record ValidationProblem(MigrationInfo migration, SlipwayError error, String description, Action action) {

    /** The description, then the action in neutral words on the next line. */
    public String message() {
        return description + "\n" + action;
    }
}
