package dev.slipway.benchmarks.app;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bean that uses the database, as every real app has one: Spring Boot creates it after the migrations (its
 * {@code JdbcClient} depends on database initialization), so a migration tool's time falls inside the startup.
 */
@RestController
class UserCountController {

    private final JdbcClient jdbc;

    UserCountController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/users/count")
    long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }
}
