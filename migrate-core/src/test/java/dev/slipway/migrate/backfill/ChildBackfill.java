package dev.slipway.migrate.backfill;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM that runs {@link TestBackfills#displayName} until it ends, for tests that kill the JVM running the
 * batches. Arguments: JDBC URL, user, password ("" for none), backfill name, table. Prints "ended STATE" and exits
 * 0, or prints the error and exits 1.
 */
public final class ChildBackfill {

    private ChildBackfill() {}

    /** Starts the child JVM with this JVM's class path; its output goes to {@code output}. */
    static Process start(TestDatabase db, String backfill, String table, Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ChildBackfill.class.getName(),
                db.jdbcUrl(),
                db.username(),
                db.password(),
                backfill,
                table);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        if (!args[2].isEmpty()) {
            dataSource.setPassword(args[2]);
        }
        try {
            Backfills backfills = Backfills.builder(dataSource)
                    .config(SlipwayConfig.builder()
                            .applicationName("child-" + ProcessHandle.current().pid())
                            .build())
                    .backfillConfig(TestBackfills.config())
                    .build();
            BackfillStatus status = backfills.run(TestBackfills.displayName(args[3], args[4]), StopSignal.create());
            System.out.println("ended " + status.state() + " " + status);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
