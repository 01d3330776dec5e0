package dev.slipway.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Batches walk the primary key: a table without one is refused with a message that says what to do, and a
 * composite key (text, bigint) is walked without skipping or repeating a row, whatever the batch boundaries.
 */
@PostgresTest
class BackfillTableKeysTest {

    @Test
    void aTableWithoutAPrimaryKeyFailsWithAMessageThatSaysToAddOne(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE keyless_users (id bigint, name text, display_name text)");
        db.execute("INSERT INTO keyless_users (id, name) SELECT g, 'user ' || g FROM generate_series(1, 100) g");
        Backfill backfill = Backfill.named("keyless_display_name")
                .table("keyless_users")
                .set("display_name = name")
                .where("display_name IS NULL")
                .build();

        BackfillStatus status = backfills(db).run(backfill, StopSignal.create());

        assertThat(status.state()).isEqualTo(BackfillState.FAILED);
        assertThat(status.lastError())
                .contains("keyless_users")
                .containsIgnoringCase("primary key")
                .containsPattern("(?i)add (a )?primary key");
        assertThat(db.queryLong("SELECT count(*) FROM keyless_users WHERE display_name IS NOT NULL"))
                .isZero();
    }

    /**
     * Without {@code where} every row is processed exactly once and there is no sweep to make up for rows that the
     * key ranges skipped; a key compared column by column instead of as a row ({@code (tenant, id) > (?, ?)})
     * would skip rows, one that is not strictly increasing would repeat them.
     */
    @Test
    void aCompositeKeyIsWalkedSoThatEveryRowIsChangedExactlyOnce(TestDatabase db) throws Exception {
        createOrders(db, "orders");
        Backfill backfill = Backfill.named("orders_total_cents")
                .table("orders")
                .set("total_cents = total * 100, updates = updates + 1")
                .batchSize(97)
                .batchSizeBounds(97, 97)
                .build();

        BackfillStatus status = backfills(db).run(backfill, StopSignal.create());

        assertThat(status.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE updates <> 1 OR total_cents IS DISTINCT FROM"
                        + " total * 100"))
                .isZero();
        assertThat(status.rowsUpdated()).isEqualTo(3_000);
        assertThat(db.queryString("SELECT array_to_string(key_columns, ',') FROM slipway_backfills"
                        + " WHERE name = 'orders_total_cents'"))
                .isEqualTo("tenant_id,id");
    }

    /** A Java backfill is given the key columns of its row without selecting them (Backfill.Builder#select). */
    @Test
    void aJavaBackfillReadsTheCompositeKeyOfEachRowWithoutSelectingIt(TestDatabase db) throws Exception {
        createOrders(db, "invoices");
        db.execute("ALTER TABLE invoices ADD COLUMN label text");
        Backfill backfill = Backfill.named("invoices_label")
                .table("invoices")
                .select("total")
                .where("label IS NULL")
                .batchSize(97)
                .batchSizeBounds(97, 97)
                .process(row -> row.set("label", row.get("tenant_id") + "/" + row.get("id") + "/" + row.get("total")))
                .build();

        BackfillStatus status = backfills(db).run(backfill, StopSignal.create());

        assertThat(status.state()).as(status.lastError()).isEqualTo(BackfillState.COMPLETED);
        assertThat(db.queryLong("SELECT count(*) FROM invoices WHERE label IS DISTINCT FROM"
                        + " tenant_id || '/' || id || '/' || total"))
                .isZero();
    }

    /**
     * 3,000 rows under the key (tenant_id text, id bigint): ten tenants whose names do not sort like numbers
     * ('t1', 't10', 't2', ...), ids that repeat across tenants and are inserted in no particular order.
     */
    private static void createOrders(TestDatabase db, String table) {
        db.execute("CREATE TABLE " + table + " (tenant_id text, id bigint, total int NOT NULL, total_cents bigint,"
                + " updates int NOT NULL DEFAULT 0, PRIMARY KEY (tenant_id, id))");
        db.execute("INSERT INTO " + table + " (tenant_id, id, total) SELECT 't' || (g % 10 + 1), g / 10 * 7, g"
                + " FROM generate_series(1, 3000) g ORDER BY md5(g::text)");
    }

    private static Backfills backfills(TestDatabase db) {
        return Backfills.builder(db.dataSource())
                .backfillConfig(TestBackfills.config())
                .build();
    }
}
