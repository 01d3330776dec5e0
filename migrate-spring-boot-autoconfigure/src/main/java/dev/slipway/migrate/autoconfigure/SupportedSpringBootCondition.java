package dev.slipway.migrate.autoconfigure;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.slipway.migrate.SlipwayException;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Ends startup with a message that names Slipway and the Spring Boot it needs, when the application runs on an
 * older Spring Boot than {@value #MINIMUM_MAJOR}.{@value #MINIMUM_MINOR}. Without it, the starter's Spring Boot 4
 * modules meet Spring Boot 3's classes and the startup fails on a clash of bean definitions that never says why.
 *
 * <p>It is a condition of {@link SlipwayAutoConfiguration}, so it is evaluated while the configuration classes are
 * parsed, before any bean definition of an auto-configuration is registered, and after the cheaper conditions of
 * that class. It never backs off: a supported version matches, an older one throws a {@link SlipwayException}
 * (rendered by Slipway's failure analyzer). A version that cannot be read (a repackaged Spring Boot without a
 * manifest) is let through. A {@code SpringApplication} meets the same check earlier, and also with
 * {@code slipway.enabled=false}, in {@link SupportedSpringBootCheck}; this condition covers contexts started
 * otherwise.
 */
class SupportedSpringBootCondition implements Condition {

    /** The oldest Spring Boot Slipway's auto-configuration works with: its Spring Boot 4 module layout. */
    static final int MINIMUM_MAJOR = 4;

    static final int MINIMUM_MINOR = 0;

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:\\D.*)?");

    private final String version;

    SupportedSpringBootCondition() {
        this(SpringBootVersion.getVersion());
    }

    /**
     * @param version the Spring Boot version to check, as {@link SpringBootVersion#getVersion()} reports it
     */
    SupportedSpringBootCondition(String version) {
        this.version = version;
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        problem(this.version).ifPresent((problem) -> {
            throw new SlipwayException(problem);
        });
        return true;
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
