package dev.slipway.migrate;

import java.util.Optional;

/**
 * A configured migrations location that does not exist: no folder on the classpath, or no folder on disk. When
 * the location is Slipway's {@code db/migrations} and Flyway's default folder {@code db/migration} exists next to
 * it (a project coming from Flyway), {@link #getFlywayLocation()} names that folder, and the action says to move
 * the files or to read them from there.
 *
 * <p>The {@linkplain #getAction() action} names the configured locations as {@link Setting#LOCATIONS}.
 */
public class MigrationLocationNotFoundException extends InvalidMigrationException {

    private final String location;
    private final String flywayLocation;

    /**
     * @param location the configured location, e.g. {@code classpath:db/migrations}
     * @param flywayLocation Flyway's default folder next to it, as a location ({@code classpath:db/migration}),
     *     when it exists; null otherwise
     * @param description what was not found (and what was)
     * @param action what to do
     */
    public MigrationLocationNotFoundException(
            String location, String flywayLocation, String description, Action action) {
        super(SlipwayError.LOCATION_NOT_FOUND, location, 0, description, action);
        this.location = location;
        this.flywayLocation = flywayLocation;
    }

    /** The configured location that does not exist, e.g. {@code classpath:db/migrations}. */
    public String getLocation() {
        return location;
    }

    /**
     * Flyway's default folder next to the location ({@code classpath:db/migration} for
     * {@code classpath:db/migrations}), when it exists: the migrations are probably there.
     */
    public Optional<String> getFlywayLocation() {
        return Optional.ofNullable(flywayLocation);
    }
}
