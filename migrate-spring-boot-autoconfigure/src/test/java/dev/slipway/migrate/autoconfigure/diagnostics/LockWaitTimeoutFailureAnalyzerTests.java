package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.LockWaitTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class LockWaitTimeoutFailureAnalyzerTests {

    private final LockWaitTimeoutFailureAnalyzer analyzer = new LockWaitTimeoutFailureAnalyzer();

    @Test
    void namesTheSessionThatHoldsTheLockAndHowToEndIt() {
        LockHolder holder = new LockHolder(
                4242, "slipway migrate (orders-service)", "10.0.0.7", Instant.parse("2026-01-01T10:00:00Z"), "active");

        FailureAnalysis analysis = analyzer.analyze(
                new LockWaitTimeoutException(holder, Duration.ofMinutes(10), "public.slipway_migrations"));

        assertThat(analysis.getDescription())
                .isEqualTo("Slipway gave up waiting for the migration lock after 10 min "
                        + "(slipway.lock.wait-timeout), so it applied nothing.\n"
                        + "-> held by: pid 4242 (slipway migrate (orders-service)) from 10.0.0.7, "
                        + "connected since 2026-01-01T10:00:00Z, active");
        assertThat(analysis.getAction())
                .contains("let it finish")
                .contains("SELECT pg_terminate_backend(4242)")
                .contains("raise slipway.lock.wait-timeout");
    }

    @Test
    void saysSoWhenTheHolderHasGone() {
        FailureAnalysis analysis = analyzer.analyze(
                new LockWaitTimeoutException(null, Duration.ofMillis(2500), "public.slipway_migrations"));

        assertThat(analysis.getDescription())
                .contains("after 2.5 s")
                .contains("-> held by: a session that has ended since");
        assertThat(analysis.getAction()).contains("SELECT pg_terminate_backend(<pid>)");
    }
}
