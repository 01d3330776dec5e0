package dev.slipway.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small users-and-posts service. Its schema is the migrations under {@code db/migrations}, which Slipway
 * applies at startup before the repositories are created.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
