package dev.slipway.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM that migrates once per scenario, in step with the other children: for scenario {@code n} it prints
 * {@code ready n}, waits until the parent creates the file {@code go-n} in the barrier directory, migrates through the
 * scenario's JDBC URL and prints {@code result n applied <count>}, {@code result n refused <evidence>} or
 * {@code result n error <exception>}. One JVM start serves every scenario. Arguments: barrier directory, location,
 * user, password ("" for none), then one JDBC URL per scenario. Exits 0 once every scenario ran.
 */
public final class ChildPoolerRacer {

    private ChildPoolerRacer() {}

    public static void main(String[] args) throws Exception {
        Path barrier = Path.of(args[0]);
        for (int n = 4; n < args.length; n++) {
            int scenario = n - 4;
            System.out.println("ready " + scenario);
            System.out.flush();
            Path go = barrier.resolve("go-" + scenario);
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(args[n]);
            dataSource.setUser(args[2]);
            if (!args[3].isEmpty()) {
                dataSource.setPassword(args[3]);
            }
            try {
                MigrateResult result = Slipway.builder(dataSource)
                        .config(SlipwayConfig.builder()
                                .locations(args[1])
                                .lockPollInterval(Duration.ofMillis(50))
                                .applicationName(
                                        "racer-" + ProcessHandle.current().pid())
                                .build())
                        .build()
                        .migrate();
                System.out.println("result " + scenario + " applied " + result.appliedCount());
            } catch (TransactionPoolerException e) {
                System.out.println("result " + scenario + " refused " + e.getEvidence());
            } catch (RuntimeException e) {
                System.out.println(
                        "result " + scenario + " error " + e.toString().replace('\n', ' '));
            }
            System.out.flush();
        }
        System.exit(0);
    }
}
