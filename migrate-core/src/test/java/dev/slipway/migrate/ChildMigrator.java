package dev.slipway.migrate;

import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM that migrates once, for tests that race processes or kill one. Arguments: JDBC URL, user,
 * password ("" for none), location. Prints "applied N" and exits 0, or prints the error and exits 1.
 */
public final class ChildMigrator {

    private ChildMigrator() {
    }

    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        if (!args[2].isEmpty()) {
            dataSource.setPassword(args[2]);
        }
        try {
            MigrateResult result = Slipway.builder(dataSource)
                    .config(SlipwayConfig.builder().locations(args[3]).lockPollInterval(Duration.ofMillis(50))
                            .applicationName("child-" + ProcessHandle.current().pid()).build())
                    .build()
                    .migrate();
            System.out.println("applied " + result.appliedCount());
            System.exit(0);
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
