package dev.slipway.migrate;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM that migrates once, for tests that race processes or kill one. Arguments: JDBC URL, user,
 * password ("" for none), location. Prints "applied N" and the peak heap use ("peak heap N MB": the sum of the
 * heap pools' peaks) and exits 0, or prints the error and exits 1. An {@link OutOfMemoryError} is printed too,
 * so that a test shows it.
 */
public final class ChildMigrator {

    private ChildMigrator() {}

    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        if (!args[2].isEmpty()) {
            dataSource.setPassword(args[2]);
        }
        try {
            MigrateResult result = Slipway.builder(dataSource)
                    .config(SlipwayConfig.builder()
                            .locations(args[3])
                            .lockPollInterval(Duration.ofMillis(50))
                            .applicationName("child-" + ProcessHandle.current().pid())
                            .build())
                    .build()
                    .migrate();
            System.out.println("applied " + result.appliedCount());
            System.out.println("peak heap " + peakHeapMegabytes() + " MB");
            System.exit(0);
        } catch (RuntimeException | OutOfMemoryError e) {
            e.printStackTrace(System.out);
            System.out.println("peak heap " + peakHeapMegabytes() + " MB");
            System.exit(1);
        }
    }

    /** The sum of the heap pools' peak use: an upper bound of the heap the run needed at once. */
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
