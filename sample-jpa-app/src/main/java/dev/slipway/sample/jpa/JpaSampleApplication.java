package dev.slipway.sample.jpa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop on JPA: customers and their orders. Slipway applies the migrations at startup, before Hibernate
 * validates the entities against the tables ({@code spring.jpa.hibernate.ddl-auto=validate}); the migrations are
 * written from the entities by {@code mvn compile slipway:dev -Dslipway.name=<change>}.
 */
@SpringBootApplication
public class JpaSampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(JpaSampleApplication.class, args);
    }
}
