package dev.slipway.benchmarks.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application whose startup the startup benchmark times: Spring MVC on Tomcat, Actuator, a HikariCP
 * {@code DataSource}, a {@code JdbcClient} user, and both Slipway's starter and Spring Boot's Flyway starter on the
 * class path. Which migration tool runs is chosen on the command line: {@code slipway.enabled=false} and
 * {@code spring.flyway.enabled=false} switch them off. When it is ready it prints one {@link ReadyLine}.
 */
@SpringBootApplication
public class StartupBenchmarkApplication {

    public static void main(String[] args) {
        SpringApplication.run(StartupBenchmarkApplication.class, args);
    }
}
