package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.backfill.BatchReport;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A contract migration that requires a backfill waits, with the backfill's state in its reason, until it completes. */
@ExtendWith(PostgresExtension.class)
class ContractBackfillTest {

    @Test
    void aContractMigrationWaitsForItsBackfillUntilItIsCompleted(TestDatabase db, @TempDir Path dir, TestInfo test)
            throws Exception {
        String schema = MigrationFiles.schemaFor("kb_", test);
        MigrationFiles files = new MigrationFiles(dir)
                .add(
                        "1_create_users",
                        "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL,"
                                + " display_name text);\n"
                                + "INSERT INTO users (id, name) SELECT g, 'user ' || g FROM generate_series(1, 2000) g;\n"
                                + "ANALYZE users;")
                .add("2_display_name_required", """
                        -- slipway:phase contract
                        -- slipway:requires-backfill users_display_name
                        -- slipway:allow setting-not-null users holds 2000 rows in this test
                        ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;
                        """);
        SlipwayConfig config = files.config().schema(schema).build();
        Slipway slipway = Slipway.builder(db.dataSource()).config(config).build();
        slipway.migrate();

        assertThat(slipway.contract().awaiting())
                .singleElement()
                .extracting(MigrationInfo::awaitingReason)
                .isEqualTo("backfill users_display_name has not started");

        Backfill backfill = Backfill.named("users_display_name")
                .schema(schema)
                .table("users")
                .set("display_name = name")
                .where("display_name IS NULL")
                .batchSize(100)
                .batchSizeBounds(100, 100)
                .build();
        StopSignal.Manual afterFirstBatch = StopSignal.create();
        Backfills stoppingEarly = Backfills.builder(db.dataSource())
                .config(config)
                .listener(new BackfillListener() {
                    @Override
                    public void batchCompleted(BatchReport report) {
                        afterFirstBatch.requestStop();
                    }
                })
                .build();
        BackfillStatus partly = stoppingEarly.run(backfill, afterFirstBatch);
        assertThat(partly.state()).isEqualTo(BackfillState.RUNNING);
        int percent = (int) (partly.rowsProcessed() * 100 / partly.rowsEstimated());

        ContractResult waiting = slipway.contract();

        assertThat(waiting.applied()).isEmpty();
        assertThat(waiting.awaiting())
                .singleElement()
                .extracting(MigrationInfo::awaitingReason)
                .isEqualTo("backfill users_display_name is RUNNING (" + percent + " % done)");
        assertThat(slipway.status().migrations().get(1).state()).isEqualTo(MigrationState.AWAITING);
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".users WHERE display_name IS NULL"))
                .isPositive();

        BackfillStatus done =
                Backfills.builder(db.dataSource()).config(config).build().run(backfill, StopSignal.create());
        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);

        ContractResult applied = slipway.contract();

        assertThat(applied.applied()).extracting(MigrationInfo::id).containsExactly("2_display_name_required");
        assertThat(applied.awaiting()).isEmpty();
        assertThat(db.queryString("SELECT is_nullable FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'users' AND column_name = 'display_name'"))
                .isEqualTo("NO");
    }
}
