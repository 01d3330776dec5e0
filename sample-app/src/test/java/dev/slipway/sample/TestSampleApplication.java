package dev.slipway.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample app against a throw-away PostgreSQL container instead of the local server:
 * {@code ./mvnw -pl sample-app -am spring-boot:test-run} from the repository root, or this {@code main} from an
 * IDE. Needs a running Docker engine; nothing in {@code ./mvnw verify} runs it.
 */
public final class TestSampleApplication {

    private TestSampleApplication() {}

    public static void main(String[] args) {
        SpringApplication.from(SampleApplication::main)
                .with(TestcontainersConfiguration.class)
                .run(args);
    }
}
