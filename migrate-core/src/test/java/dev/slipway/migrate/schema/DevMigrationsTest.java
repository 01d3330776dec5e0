package dev.slipway.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.ContractResult;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.LintReport;
import dev.slipway.migrate.lint.SlipwayLint;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway dev} in core: the migrations written for a desired schema, applied by Slipway itself (expand,
 * backfills, contract) to a development database that holds data, end at the desired schema without losing a row.
 */
@ExtendWith(PostgresExtension.class)
class DevMigrationsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private final TestDatabase server;

    @TempDir
    Path dir;

    DevMigrationsTest(TestDatabase server) {
        this.server = server;
    }

    @Test
    void aRenamedColumnIsAddedKeptInSyncBackfilledAndDroppedWithoutLosingARow() throws Exception {
        TestDatabase db = server.createAnother("rename_column");
        Path migrations = dir.resolve("migrations");
        write(
                migrations.resolve("20240101000000_init/migration.sql"),
                "CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, city text);\n");
        Slipway slipway = slipway(db, migrations);
        slipway.migrate();
        db.execute("INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')");
        Path schema = dir.resolve("schema");
        write(schema.resolve("customers.sql"), """
                CREATE TABLE customers (
                    id bigint PRIMARY KEY,
                    full_name text NOT NULL, -- slipway:renamed-from name
                    city text
                );
                """);
        SchemaDiff diff = diff(db, migrations, schema);

        DevMigrations dev = diff.dev("schema", "rename customer name", CLOCK);

        assertThat(dev.files())
                .extracting(DevMigrations.File::path)
                .containsExactly(
                        "20260301100000_rename_customer_name/migration.sql",
                        "20260301100001_rename_customer_name_contract/migration.sql",
                        "20260301100002_rename_customer_name_contract_2/migration.sql");
        assertThat(dev.backfills()).singleElement().satisfies(backfill -> {
            assertThat(backfill.name()).isEqualTo("customers_full_name");
            assertThat(backfill.set()).isEqualTo("full_name = name");
            assertThat(backfill.requires()).isEqualTo("20260301100000");
            assertThat(backfill.java()).contains(".set(\"full_name = name\")");
        });
        assertThat(dev.warnings()).isEmpty();
        String contract = dev.files().get(2).text();
        assertThat(contract)
                .contains("-- slipway:phase contract")
                .contains("-- slipway:requires-backfill customers_full_name")
                .contains("-- slipway:allow data-loss the values were copied to full_name")
                .contains("-- hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE\n"
                        + "-- slipway:allow data-loss");
        // the trigger fills name (NOT NULL) for new code until name is dropped, in the same migration
        assertThat(dev.files().get(1).text()).doesNotContain("DROP TRIGGER");
        assertThat(contract.indexOf("DROP TRIGGER slipway_sync_customers_full_name"))
                .isPositive()
                .isLessThan(contract.indexOf("DROP COLUMN name"));
        dev.writeTo(migrations);
        assertThat(findings(migrations)).isEmpty();

        slipway.migrate();
        // while both columns exist, old code writes name and new code writes full_name
        db.execute("INSERT INTO customers (id, name) VALUES (4, 'old code')");
        db.execute("INSERT INTO customers (id, full_name) VALUES (5, 'new code')");
        db.execute("UPDATE customers SET name = 'Ada L.' WHERE id = 1");
        db.execute("UPDATE customers SET full_name = 'Grace H.' WHERE id = 2");
        assertThat(db.queryStrings("SELECT id || ':' || name || '=' || coalesce(full_name, '-') FROM customers"
                        + " WHERE id IN (1, 2, 4, 5) ORDER BY id"))
                .containsExactly(
                        "1:Ada L.=Ada L.", "2:Grace H.=Grace H.", "4:old code=old code", "5:new code=new code");
        assertThat(slipway.contract().applied()).isEmpty();

        runBackfill(db, dev.backfills().get(0), null);
        ContractResult applied = slipway.contract();

        assertThat(applied.applied())
                .extracting(MigrationInfo::id)
                .containsExactly(
                        "20260301100001_rename_customer_name_contract",
                        "20260301100002_rename_customer_name_contract_2");
        assertThat(db.queryStrings("SELECT id || ':' || full_name FROM customers ORDER BY id"))
                .containsExactly("1:Ada L.", "2:Grace H.", "3:Edsger", "4:old code", "5:new code");
        assertThat(diff.plan("url:" + db.jdbcUrl(), "schema").steps()).isEmpty();
    }

    @Test
    void aRenamedTableKeepsAViewUnderItsOldNameAndADropLeavesTheReasonToTheUser() throws Exception {
        TestDatabase db = server.createAnother("rename_table");
        Path migrations = dir.resolve("migrations");
        write(
                migrations.resolve("20990101000000_init/migration.sql"),
                "CREATE TABLE orders (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, note text,"
                        + " total numeric DEFAULT 0, legacy text);\n");
        Slipway slipway = slipway(db, migrations);
        slipway.migrate();
        db.execute("INSERT INTO orders (note, legacy) VALUES ('a', 'x'), ('b', 'y'), ('c', NULL)");
        Path schema = dir.resolve("schema");
        write(schema.resolve("orders.sql"), """
                -- slipway:renamed-from orders
                CREATE TABLE purchases (
                    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                    note text,
                    total numeric DEFAULT 0,
                    status text NOT NULL
                );
                CREATE INDEX purchases_note ON purchases (note);
                """);
        SchemaDiff diff = diff(db, migrations, schema);

        DevMigrations dev = diff.dev("schema", "purchases", CLOCK);

        // versions after the newest migration, which is later than the clock
        assertThat(dev.files())
                .extracting(DevMigrations.File::path)
                .containsExactly(
                        "20990101000001_purchases/migration.sql",
                        "20990101000002_purchases_2/migration.sql",
                        "20990101000003_purchases_3/migration.sql",
                        "20990101000004_purchases_contract/migration.sql",
                        "20990101000005_purchases_contract_2/migration.sql");
        assertThat(dev.files().get(2).text())
                .contains("-- slipway:transaction off\n")
                .endsWith("-- hazards: INDEX_BUILD\n"
                        + "CREATE INDEX CONCURRENTLY purchases_note ON public.purchases USING btree (note);\n");
        assertThat(dev.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.column()).isEqualTo("legacy");
            assertThat(warning.count()).isEqualTo(OptionalLong.of(2));
            assertThat(warning.message())
                    .isEqualTo("You are about to drop the column `legacy` on the `purchases` table, which"
                            + " still contains 2 non-null values.");
        });
        DevMigrations.BackfillToDeclare status = dev.backfills().get(0);
        assertThat(status.name()).isEqualTo("purchases_status");
        assertThat(status.set()).isNull();
        assertThat(status.requires()).isEqualTo("20990101000002");
        assertThat(status.java()).contains("write the value for the rows that have none");
        dev.writeTo(migrations);

        // the drop's allowance has no reason: the linter refuses the file until the user writes one
        assertThat(findings(migrations)).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(SlipwayLint.INVALID_ALLOW);
            assertThat(finding.migration()).isEqualTo("20990101000005_purchases_contract_2");
        });
        Path contractFile = migrations.resolve("20990101000005_purchases_contract_2/migration.sql");
        Files.writeString(
                contractFile,
                Files.readString(contractFile)
                        .replace(
                                "-- slipway:allow data-loss\n",
                                "-- slipway:allow data-loss legacy was never read by the app\n"));
        assertThat(findings(migrations)).isEmpty();

        slipway.migrate();
        // old code inserts through the view and gets the table's identity and defaults
        db.execute("INSERT INTO orders (note) VALUES ('through the view')");
        assertThat(db.queryString("SELECT id || ':' || total FROM purchases WHERE note = 'through the view'"))
                .isEqualTo("4:0");
        db.execute("UPDATE orders SET note = 'changed' WHERE id = 1");
        assertThat(db.queryString("SELECT note FROM purchases WHERE id = 1")).isEqualTo("changed");

        runBackfill(db, status, "status = 'open'");
        assertThat(slipway.contract().applied()).hasSize(2);
        assertThatThrownBy(() -> dev.writeTo(migrations))
                .hasMessageContaining("20990101000001_purchases exists already; nothing was written");

        assertThat(db.queryLong("SELECT count(*) FROM purchases WHERE status = 'open'"))
                .isEqualTo(4);
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'orders'"))
                .isZero();
        assertThat(diff.plan("url:" + db.jdbcUrl(), "schema").steps()).isEmpty();
    }

    @Test
    void aTypeChangeOldCodeCannotLiveWithMovesThroughATemporaryColumnKeptInSync() throws Exception {
        TestDatabase db = server.createAnother("type_change");
        Path migrations = dir.resolve("migrations");
        write(migrations.resolve("20240101000000_init/migration.sql"), """
                CREATE TABLE items (id bigint PRIMARY KEY, price text, name text);
                CREATE INDEX items_price ON items (price);
                """);
        Slipway slipway = slipway(db, migrations);
        slipway.migrate();
        db.execute("INSERT INTO items VALUES (1, '1.50', 'a'), (2, '2', 'b'), (3, NULL, 'c')");
        Path schema = dir.resolve("schema");
        write(schema.resolve("items.sql"), """
                CREATE TABLE items (id bigint PRIMARY KEY, price numeric(10,2) NOT NULL DEFAULT 0, name text);
                CREATE INDEX items_price ON items (price);
                """);
        SchemaDiff diff = diff(db, migrations, schema);

        DevMigrations dev = diff.dev("schema", "price as number", CLOCK);

        assertThat(dev.backfills()).singleElement().satisfies(backfill -> {
            assertThat(backfill.name()).isEqualTo("items_price");
            assertThat(backfill.set()).isEqualTo("price_slipway_new = price::numeric(10,2)");
        });
        dev.writeTo(migrations);
        assertThat(findings(migrations)).isEmpty();

        slipway.migrate();
        db.execute("INSERT INTO items (id, price, name) VALUES (4, '3.25', 'old code')");
        db.execute("UPDATE items SET price = '7' WHERE id = 2");
        assertThat(db.queryString("SELECT price_slipway_new FROM items WHERE id = 4"))
                .isEqualTo("3.25");
        assertThat(db.queryString("SELECT price_slipway_new FROM items WHERE id = 2"))
                .isEqualTo("7.00");
        db.execute("UPDATE items SET price = '0' WHERE id = 3"); // the user's fix for the row without a price

        runBackfill(db, dev.backfills().get(0), null);
        assertThat(slipway.contract().applied()).isNotEmpty();

        assertThat(db.queryStrings("SELECT id || ':' || price FROM items ORDER BY id"))
                .containsExactly("1:1.50", "2:7.00", "3:0.00", "4:3.25");
        assertThat(diff.plan("url:" + db.jdbcUrl(), "schema").steps()).isEmpty();
    }

    @Test
    void aColumnMadeNotNullWithADefaultIsBackfilledWithTheDefault() throws Exception {
        TestDatabase db = server.createAnother("not_null_default");
        Path migrations = dir.resolve("migrations");
        write(
                migrations.resolve("20240101000000_init/migration.sql"),
                "CREATE TABLE tasks (id bigint PRIMARY KEY, state text);\n");
        Slipway slipway = slipway(db, migrations);
        slipway.migrate();
        db.execute("INSERT INTO tasks VALUES (1, 'done'), (2, NULL), (3, NULL)");
        Path schema = dir.resolve("schema");
        write(
                schema.resolve("tasks.sql"),
                "CREATE TABLE tasks (id bigint PRIMARY KEY, state text NOT NULL DEFAULT 'open');\n");
        SchemaDiff diff = diff(db, migrations, schema);

        DevMigrations dev = diff.dev("schema", "state required", CLOCK);

        assertThat(dev.backfills()).singleElement().satisfies(backfill -> {
            assertThat(backfill.set()).isEqualTo("state = 'open'::text");
            assertThat(backfill.where()).isEqualTo("state IS NULL");
        });
        dev.writeTo(migrations);
        assertThat(findings(migrations)).isEmpty();
        slipway.migrate();
        db.execute("INSERT INTO tasks (id) VALUES (4)");
        runBackfill(db, dev.backfills().get(0), null);
        assertThat(slipway.contract().applied()).isNotEmpty();

        assertThat(db.queryStrings("SELECT id || ':' || state FROM tasks ORDER BY id"))
                .containsExactly("1:done", "2:open", "3:open", "4:open");
        assertThat(diff.plan("url:" + db.jdbcUrl(), "schema").steps()).isEmpty();
    }

    @Test
    void dataLossIsCountedForDroppedTablesAndRemovedEnumLabels() throws Exception {
        TestDatabase db = server.createAnother("data_loss");
        Path migrations = dir.resolve("migrations");
        write(migrations.resolve("20240101000000_init/migration.sql"), """
                CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
                CREATE TABLE people (id bigint PRIMARY KEY, mood mood, code character varying(20));
                CREATE TABLE audit (id bigint PRIMARY KEY);
                """);
        slipway(db, migrations).migrate();
        db.execute("INSERT INTO people VALUES (1, 'happy', 'abc'), (2, 'meh', 'abcdefgh'), (3, 'meh', NULL),"
                + " (4, NULL, 'abcdef')");
        db.execute("INSERT INTO audit SELECT generate_series(1, 7)");
        Path schema = dir.resolve("schema");
        write(schema.resolve("all.sql"), """
                CREATE TYPE mood AS ENUM ('happy', 'sad');
                CREATE TABLE people (id bigint PRIMARY KEY, mood mood, code character varying(5));
                """);

        DevMigrations dev = diff(db, migrations, schema).dev("schema", "shrink", CLOCK);

        assertThat(dev.warnings())
                .extracting(DevMigrations.DataLossWarning::message)
                .containsExactlyInAnyOrder(
                        "You are about to drop the `audit` table, which is not empty (7 rows).",
                        "You are about to change the column `code` on the `people` table from character varying(20)"
                                + " to character varying(5): 2 rows hold values longer than 5 characters, and the"
                                + " change fails on them.",
                        "You are about to remove the value `meh` from the enum `mood`, which is used by 2 rows of the"
                                + " column `mood` on the `people` table: the change fails until they hold another"
                                + " value.");
        assertThat(dev.describe()).contains("Warnings:").contains("(7 rows)");
        // no rename is guessed: the table is dropped, and why it may go is left for the user to write
        assertThat(dev.files().stream().map(DevMigrations.File::text).filter(text -> text.contains("DROP TABLE")))
                .singleElement()
                .satisfies(text -> assertThat(text)
                        .contains("-- slipway:phase contract")
                        .contains("-- hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE\n"
                                + "-- slipway:allow data-loss\n"
                                + "DROP TABLE public.audit;\n"));
    }

    @Test
    void changesOfTwoExistingTablesGoIntoOneMigrationPerTable() throws Exception {
        TestDatabase db = server.createAnother("two_tables");
        Path migrations = dir.resolve("migrations");
        write(
                migrations.resolve("1_init/migration.sql"),
                "CREATE TABLE t (id bigint PRIMARY KEY);\nCREATE TABLE u (id bigint PRIMARY KEY);\n");
        Path schema = dir.resolve("schema");
        write(
                schema.resolve("tables.sql"),
                "CREATE TABLE t (id bigint PRIMARY KEY, a text);\nCREATE TABLE u (id bigint PRIMARY KEY, b text);\n");

        DevMigrations dev = diff(db, migrations, schema).dev("schema", "two_tables", CLOCK);

        // in one transaction, the lock of the first table would be held while the second's is waited for
        assertThat(dev.files()).hasSize(2);
        assertThat(dev.files().get(0).text()).contains("ADD COLUMN a ").doesNotContain("ADD COLUMN b ");
        assertThat(dev.files().get(1).text()).contains("ADD COLUMN b ").doesNotContain("ADD COLUMN a ");
        dev.writeTo(migrations);
        assertThat(findings(migrations)).isEmpty();
        slipway(db, migrations).migrate();
        assertThat(diff(db, migrations, schema)
                        .plan("url:" + db.jdbcUrl(), "schema")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void nothingIsWrittenWhenTheMigrationsGiveTheDesiredSchema() throws Exception {
        TestDatabase db = server.createAnother("nothing");
        Path migrations = dir.resolve("migrations");
        write(migrations.resolve("1_init/migration.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Path schema = dir.resolve("schema");
        write(schema.resolve("t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");

        DevMigrations dev = diff(db, migrations, schema).dev("schema", "nothing", CLOCK);

        assertThat(dev.isEmpty()).isTrue();
        assertThat(dev.describe()).contains("nothing to write");
    }

    /** Every finding of Slipway's linter, warnings included. */
    private static List<LintFinding> findings(Path migrations) {
        LintReport report = SlipwayLint.lint("filesystem:" + migrations.toAbsolutePath());
        return report.findings();
    }

    private static void runBackfill(TestDatabase db, DevMigrations.BackfillToDeclare declared, String set)
            throws InterruptedException {
        Backfill backfill = Backfill.named(declared.name())
                .schema(declared.table().schema())
                .table(declared.table().name())
                .set(set != null ? set : declared.set())
                .where(declared.where())
                .batchSize(2)
                .batchSizeBounds(2, 2)
                .build();
        assertThat(Backfills.builder(db.dataSource())
                        .build()
                        .run(backfill, StopSignal.create())
                        .state())
                .isEqualTo(BackfillState.COMPLETED);
    }

    private static Slipway slipway(TestDatabase db, Path migrations) {
        SlipwayConfig config = SlipwayConfig.builder()
                .locations("filesystem:" + migrations.toAbsolutePath())
                .lockPollInterval(Duration.ofMillis(50))
                .build();
        return Slipway.builder(db.dataSource()).config(config).build();
    }

    private static SchemaDiff diff(TestDatabase db, Path migrations, Path schema) {
        return SchemaDiff.builder()
                .connection(db.jdbcUrl(), db.username(), db.password())
                .locations(List.of("filesystem:" + migrations.toAbsolutePath()))
                .schemaFolder(schema)
                .build();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
