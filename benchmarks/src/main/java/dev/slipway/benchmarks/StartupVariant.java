package dev.slipway.benchmarks;

import java.util.List;

/**
 * The three starts the startup benchmark compares, all of the same application on the same class path: one
 * without a migration tool, one with Slipway, one with Spring Boot's Flyway auto-configuration.
 */
enum StartupVariant {
    BASELINE("no migration tool", false, false, List.of("--slipway.enabled=false", "--spring.flyway.enabled=false")),
    SLIPWAY("Slipway starter", true, false, List.of("--spring.flyway.enabled=false")),
    /**
     * Flyway with {@code transactional-lock=false}: with Flyway's default, its lock is held in an open transaction,
     * which the sample app's {@code CREATE INDEX CONCURRENTLY} waits for forever (Flyway's documented fix).
     */
    FLYWAY(
            "Spring Boot Flyway starter",
            false,
            true,
            List.of("--slipway.enabled=false", "--spring.flyway.postgresql.transactional-lock=false"));

    private final String label;
    private final boolean slipway;
    private final boolean flyway;
    private final List<String> arguments;

    StartupVariant(String label, boolean slipway, boolean flyway, List<String> arguments) {
        this.label = label;
        this.slipway = slipway;
        this.flyway = flyway;
        this.arguments = arguments;
    }

    String label() {
        return label;
    }

    /** The application arguments that choose this variant. */
    List<String> arguments() {
        return arguments;
    }

    /** Fails unless the started application held exactly the tools this variant means. */
    void check(AppProcess.Ready ready) {
        if (ready.slipway() != slipway || ready.flyway() != flyway) {
            throw new IllegalStateException(label + " started with slipway=" + ready.slipway() + " flyway="
                    + ready.flyway() + ", expected slipway=" + slipway + " flyway=" + flyway);
        }
    }
}
