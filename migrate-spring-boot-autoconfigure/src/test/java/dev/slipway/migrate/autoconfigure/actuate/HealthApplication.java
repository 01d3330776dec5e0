package dev.slipway.migrate.autoconfigure.actuate;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A web application with Actuator and Slipway, started in a JVM of its own by {@link HugeMigrationHealthTests}:
 * migrates at startup, then prints {@code port <n>} and serves until it is stopped. Arguments are Spring Boot's
 * ({@code --spring.datasource.url=...}). On {@code peak} in its standard input it prints its peak heap use.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class HealthApplication {

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext app = SpringApplication.run(HealthApplication.class, args);
        System.out.println("port " + app.getEnvironment().getProperty("local.server.port"));
        System.out.println("peak heap after startup " + peakHeapMegabytes() + " MB");
        System.out.flush();
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("peak")) {
                System.out.println("peak heap " + peakHeapMegabytes() + " MB");
                System.out.flush();
            }
        }
        app.close();
    }

    /** The sum of the heap pools' peak use. */
    static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
