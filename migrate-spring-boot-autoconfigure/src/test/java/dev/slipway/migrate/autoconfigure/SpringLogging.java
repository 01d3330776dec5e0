package dev.slipway.migrate.autoconfigure;

/**
 * The name of the JVM-wide resource that every {@code SpringApplication} shares: Spring Boot's logging system (one
 * Logback context per JVM, which each application initializes at start and cleans up at close). Test classes that
 * start applications in this JVM take it with {@code @ResourceLock(SpringLogging.SYSTEM)}, so the parallel test run
 * never has one application reconfigure Logback while another starts or stops (seen as Spring Boot's "Unable to find
 * Spring Environment in logger context"). Classes marked {@code @Isolated} run alone anyway.
 */
public final class SpringLogging {

    public static final String SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    private SpringLogging() {}
}
