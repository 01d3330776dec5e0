package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.SlipwayException;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Ends the startup of a {@code SpringApplication} on a Spring Boot older than 4.0 with the message of
 * {@link SupportedSpringBootCondition#problem(String)}, before the application context is refreshed: before any
 * configuration class is parsed and any bean definition registered. Registered in {@code META-INF/spring.factories}
 * under Spring Framework's {@link ApplicationContextInitializer} key, which Spring Boot 3 and 4 both read.
 *
 * <p>The condition on {@link SlipwayAutoConfiguration} alone comes too late in one case: with
 * {@code slipway.enabled=false} it is never evaluated, yet the starter's Spring Boot 4 modules
 * ({@code spring-boot-jdbc} 4) still bring their own auto-configuration, which on Spring Boot 3 clashes with Spring
 * Boot 3's {@code DataSourceAutoConfiguration} on bean names and says nothing of Slipway. So this check does not
 * look at {@code slipway.enabled}: no application on Spring Boot 3 starts with the starter on its classpath. The
 * condition stays for contexts that are not started by {@code SpringApplication} (an
 * {@code ApplicationContextRunner}, say). A version that cannot be read is let through.
 */
class SupportedSpringBootCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

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
        SupportedSpringBootCondition.problem(this.version).ifPresent((problem) -> {
            throw new SlipwayException(problem);
        });
    }

    /** First among the initializers, so that none of them meets the starter's Spring Boot 4 classes before it. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
