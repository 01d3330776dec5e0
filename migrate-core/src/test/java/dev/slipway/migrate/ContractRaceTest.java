package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Instances of a fleet, and threads sharing one instance, racing {@code contract()} apply each migration once. */
@ExtendWith(PostgresExtension.class)
class ContractRaceTest {

    @Test
    void threadsAndInstancesRacingContractApplyEveryContractMigrationExactlyOnce(TestDatabase db, @TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        StringBuilder columns = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            columns.append(", c").append(i).append(" text");
        }
        files.add(
                "01_create",
                "CREATE TABLE wide (id int" + columns + ");\n" + "CREATE TABLE contract_log (version text NOT NULL);");
        for (int i = 1; i <= 10; i++) {
            files.add(
                    String.format("%02d_drop_c%d", i + 1, i),
                    "-- slipway:phase contract\n"
                            + "INSERT INTO contract_log VALUES ('" + (i + 1) + "');\n"
                            + "SELECT pg_sleep(0.01);\n"
                            + "ALTER TABLE wide DROP COLUMN c" + i + ";");
        }
        files.add(
                "12_index",
                "-- slipway:phase contract\nCREATE INDEX CONCURRENTLY wide_id ON wide (id);\n"
                        + "INSERT INTO contract_log VALUES ('12');");
        Slipway.builder(db.dataSource()).config(files.config().build()).build().migrate();
        Slipway shared =
                Slipway.builder(db.dataSource()).config(files.config().build()).build();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ContractResult>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean own = i % 2 == 0;
            results.add(pool.submit(() -> {
                Slipway slipway = own
                        ? Slipway.builder(db.dataSource())
                                .config(files.config().build())
                                .build()
                        : shared;
                slipway.heartbeat();
                start.await();
                return slipway.contract();
            }));
        }
        start.countDown();
        List<String> applied = new ArrayList<>();
        for (Future<ContractResult> result : results) {
            result.get(2, TimeUnit.MINUTES).applied().forEach(m -> applied.add(m.version()));
        }
        pool.shutdown();

        assertThat(applied).hasSize(11).doesNotHaveDuplicates();
        assertThat(db.queryLong("SELECT count(*) FROM contract_log")).isEqualTo(11);
        assertThat(db.queryLong("SELECT count(DISTINCT version) FROM contract_log"))
                .isEqualTo(11);
        assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations WHERE phase = 'contract'"))
                .isEqualTo(11);
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'wide'"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'wide_id'"))
                .isEqualTo(1);
    }
}
