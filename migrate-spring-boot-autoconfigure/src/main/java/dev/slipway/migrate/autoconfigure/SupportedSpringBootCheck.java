package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Ends the startup of a {@code SpringApplication} on a Spring Boot older than {@value #MINIMUM_MAJOR}.{@value
 * #MINIMUM_MINOR} with a message that names Slipway and the Spring Boot it needs, before the application context is
 * refreshed: before any configuration class is parsed and any bean definition registered. Without it, the starter's
 * Spring Boot 4 modules ({@code spring-boot-jdbc} 4 and its own {@code DataSourceAutoConfiguration}) meet Spring Boot
 * 3's classes and the startup fails on a clash of bean names that never says why.
 *
 * <p>Registered in {@code META-INF/spring.factories} under Spring Framework's {@link ApplicationContextInitializer}
 * key, which Spring Boot 3 and 4 both read, and first among the initializers. It does not look at
 * {@code slipway.enabled}: the clash comes from the starter's modules being on the classpath, whatever Slipway's own
 * switch says. The {@link SlipwayException} it throws is rendered by Slipway's failure analyzer. A version that
 * cannot be read (a repackaged Spring Boot without a manifest) is let through. The module
 * {@code spring-boot-3-check} starts a real Spring Boot 3.5 application with the starter.
 */
class SupportedSpringBootCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    /** The oldest Spring Boot Slipway's auto-configuration works with: its Spring Boot 4 module layout. */
    static final int MINIMUM_MAJOR = 4;

    static final int MINIMUM_MINOR = 0;

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:\\D.*)?");

    private final String version;

    SupportedSpringBootCheck() {
        this(SpringBootVersion.getVersion());
    }

    /**
     * @param version the Spring Boot version to check, as {@link SpringBootVersion#getVersion()} reports it
     */
    SupportedSpringBootCheck(String version) {
        this.version = version;
    }

    @Override
    public void initialize(ConfigurableApplicationContext applicationContext) {
        problem(this.version).ifPresent((problem) -> {
            int newline = problem.indexOf('\n');
            throw new SlipwayException(
                    SlipwayError.UNSUPPORTED_SPRING_BOOT,
                    problem.substring(0, newline),
                    Action.text(problem.substring(newline + 1)));
        });
    }

    /** First among the initializers, so that none of them meets the starter's Spring Boot 4 classes before it. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * What is wrong with running Slipway's auto-configuration on the given Spring Boot version: empty when the
     * version is supported or cannot be read, else what happened (first line) and what to do.
     * @param version the version, e.g. {@code 3.5.7} or {@code 4.1.0-SNAPSHOT}; may be null
     * @return the problem, if any
     */
    static Optional<String> problem(String version) {
        Matcher matcher = (version != null) ? MAJOR_MINOR.matcher(version.strip()) : null;
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        if (major > MINIMUM_MAJOR || (major == MINIMUM_MAJOR && minor >= MINIMUM_MINOR)) {
            return Optional.empty();
        }
        String minimum = MINIMUM_MAJOR + "." + MINIMUM_MINOR;
        return Optional.of("Slipway's starter needs Spring Boot " + minimum + " or newer, but this application runs "
                + "on Spring Boot " + version.strip() + ".\n"
                + "Upgrade the application to Spring Boot " + minimum + " or newer (Slipway is built and tested on "
                + "Spring Boot 4.1). To stay on Spring Boot " + major + "." + minor + ", remove "
                + "migrate-spring-boot-starter and run Slipway's core (dev.slipway:migrate-core) from your own code: "
                + "Slipway.builder(dataSource).build().migrate() before the beans that use the database.");
    }
}
