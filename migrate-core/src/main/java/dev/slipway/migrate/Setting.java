package dev.slipway.migrate;

/**
 * A setting of Slipway's that an {@link Action} asks the user to change, named in no front end's vocabulary: the
 * Spring Boot failure analyzers render it as a property ({@code slipway.baseline.version}), a command line as a flag
 * ({@code --baseline-version}), Java code as a {@link SlipwayConfig} builder method. {@link #neutral()} is the plain
 * words the core's own messages ({@code getMessage()}, logs) use.
 */
public enum Setting {

    /** Where Slipway's own connection (its migration login) points: a JDBC URL, with its user and password. */
    DATASOURCE_URL("the migration login's URL"),

    /** The user of Slipway's own connection. */
    DATASOURCE_USERNAME("the migration login's user"),

    /** The password of Slipway's own connection. */
    DATASOURCE_PASSWORD("the migration login's password"),

    /** The schema Slipway migrates and keeps its history in. */
    SCHEMA("the schema setting"),

    /** Whether Slipway creates its schema when it is missing. */
    CREATE_SCHEMA("the create-schema setting"),

    /** Where the migration files are read from ({@code classpath:db/migrations}, {@code filesystem:<folder>}). */
    LOCATIONS("the migration locations"),

    /** The version up to which an existing schema's migrations are recorded as applied without running. */
    BASELINE_VERSION("the baseline version"),

    /** Whether another tool's history is imported: {@code auto}, {@code flyway}, {@code prisma} or {@code off}. */
    ADOPT_MODE("the adopt mode"),

    /** The table Flyway's history is read from when it is imported. */
    ADOPT_FLYWAY_TABLE("the Flyway history table"),

    /** How long Slipway waits for the migration lock that another instance holds. */
    LOCK_WAIT_TIMEOUT("the lock wait timeout"),

    /** How long a statement of a migration retries after lock conflicts before the migration fails. */
    DDL_RETRY_BUDGET("the DDL retry budget"),

    /** The statement timeout migrations run with, unless a migration sets its own. */
    DDL_STATEMENT_TIMEOUT("the DDL statement timeout"),

    /** What a lint finding does before a migration is applied: {@code fail}, {@code warn} or {@code off}. */
    LINT_MODE("the lint mode"),

    /** The version up to which migrations (written before Slipway was adopted) are not linted. */
    LINT_START_AFTER("the lint start-after version"),

    /** Whether an applied migration whose file is gone is accepted (shown as MISSING) rather than refused. */
    VALIDATE_IGNORE_MISSING("ignoring missing migrations"),

    /** Whether Slipway runs at all in the application. */
    ENABLED("Slipway's enabled setting"),

    /**
     * A database that the schema diff may empty and replay migrations or schema files into, for a login that may not
     * create scratch databases (Prisma's shadow database).
     */
    SHADOW_URL("the shadow database URL");

    private final String neutral;

    Setting(String neutral) {
        this.neutral = neutral;
    }

    /** The plain words for the setting, e.g. {@code the baseline version}: what {@code getMessage()} says. */
    public String neutral() {
        return this.neutral;
    }

    /** This setting with a suggested value, for an {@link Action}. */
    public Value to(String value) {
        return new Value(this, value);
    }

    /**
     * A setting with the value an {@link Action} suggests, e.g. {@code BASELINE_VERSION} with
     * {@code 20240101000000}.
     *
     * @param setting the setting
     * @param value the suggested value, as text
     */
    public record Value(Setting setting, String value) {}
}
