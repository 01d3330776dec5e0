package dev.slipway.benchmarks.app;

import dev.slipway.migrate.Slipway;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Prints one line on {@link ApplicationReadyEvent}, which the benchmark runner waits for: the JVM's uptime and the CPU time
 * it has used (all threads: JIT compilers and GC included), and
 * which migration tools the context holds, so that the runner can check it started the variant it meant to.
 * <p>
 * Format: {@value #PREFIX} {@code uptime-ms=1234 cpu-ms=2345 slipway=true flyway=false}.
 */
@Component
public final class ReadyLine implements ApplicationListener<ApplicationReadyEvent> {

    /** How the line starts. */
    public static final String PREFIX = "STARTUP-BENCHMARK ready";

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
        ConfigurableApplicationContext context = event.getApplicationContext();
        System.out.println(String.format(
                Locale.ROOT,
                "%s uptime-ms=%d cpu-ms=%d slipway=%b flyway=%b",
                PREFIX,
                uptime,
                cpu,
                context.getBeanNamesForType(Slipway.class).length > 0,
                context.getBeanNamesForType(Flyway.class).length > 0));
        System.out.flush();
    }
}
