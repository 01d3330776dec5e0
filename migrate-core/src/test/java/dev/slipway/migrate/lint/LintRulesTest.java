package dev.slipway.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule: what it must flag and what it must leave alone. Each case lints two migrations: the first creates
 * the tables (so they exist for the second), the second holds the statement under test.
 */
class LintRulesTest {

    private static final String TABLES = """
            CREATE TABLE users (id bigint PRIMARY KEY, email text);
            CREATE TABLE orders (
                id bigint PRIMARY KEY,
                user_id bigint,
                status varchar(50),
                total numeric(10,2),
                note text,
                placed timestamp,
                code int
            );
            CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
            """;

    @TempDir
    Path dir;

    private int cases;

    /** The rules flagged in a migration that runs after the one creating users and orders. */
    private List<String> rules(String sql) {
        return fixture(sql).rules();
    }

    private LintFinding only(String sql) {
        return fixture(sql).only();
    }

    private LintFixture fixture(String sql) {
        return new LintFixture(dir.resolve("case" + ++cases)).add(TABLES).add(sql);
    }

    @Nested
    class RequireConcurrentIndexCreation {

        @Test
        void flagsAnIndexOnAnExistingTableWithItsLockAndTheConcurrentStatement() {
            LintFinding finding = only("CREATE INDEX orders_user_id_idx ON orders (user_id);");

            assertThat(finding.rule()).isEqualTo("require-concurrent-index-creation");
            assertThat(finding.severity()).isEqualTo(LintSeverity.ERROR);
            assertThat(finding.lock()).isEqualTo("SHARE on orders for the whole index build");
            assertThat(finding.fix()).startsWith("CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);");
        }

        @Test
        void seesThroughCaseQuotingSchemaAndComments() {
            assertThat(rules("create unique index /* CONCURRENTLY */ \"Idx\" on public.ORDERS using btree (code);"))
                    .containsExactly("require-concurrent-index-creation");
            assertThat(rules("CREATE INDEX -- CONCURRENTLY\n  orders_note_idx ON \"orders\" (note);"))
                    .containsExactly("require-concurrent-index-creation");
        }

        @Test
        void judgesEachOfSeveralStatementsOnOneLine() {
            LintFinding finding =
                    only("CREATE TABLE items (id int); CREATE INDEX ON items (id); CREATE INDEX ON orders (code);");

            assertThat(finding.statement()).isEqualTo(3);
            assertThat(finding.line()).isEqualTo(1);
        }

        @Test
        void leavesAloneConcurrentBuildsAndTablesCreatedInTheSameMigration() {
            assertThat(rules("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_code_idx ON ONLY orders (code);"))
                    .isEmpty();
            assertThat(
                            rules(
                                    "CREATE TABLE items (id int, name text);\nCREATE UNIQUE INDEX items_name ON public.items (name);"))
                    .isEmpty();
        }

        @Test
        void leavesAloneKeywordsInsideStringsAndBodies() {
            assertThat(rules("COMMENT ON TABLE orders IS 'CREATE INDEX i ON orders (id)';"))
                    .isEmpty();
            assertThat(rules("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ SELECT 1 $$;\n"
                            + "DO $body$ BEGIN EXECUTE 'VACUUM FULL orders'; END $body$;"))
                    .isEmpty();
        }
    }

    @Nested
    class RequireConcurrentIndexDeletion {

        @Test
        void flagsDroppingAnExistingIndex() {
            LintFinding finding = only("DROP INDEX IF EXISTS orders_user_id_idx;");
            assertThat(finding.rule()).isEqualTo("require-concurrent-index-deletion");
            assertThat(finding.severity()).isEqualTo(LintSeverity.WARNING);
            assertThat(finding.fix()).contains("DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx;");
        }

        @Test
        void leavesAloneConcurrentDropsAndIndexesOfTheSameMigration() {
            assertThat(rules("DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx;"))
                    .isEmpty();
            assertThat(rules(
                            "CREATE TABLE items (id int);\nCREATE INDEX items_id ON items (id);\nDROP INDEX items_id;"))
                    .isEmpty();
        }
    }

    @Nested
    class AddingVolatileDefault {

        @Test
        void flagsVolatileAndUnknownFunctions() {
            LintFinding finding = only("ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();");
            assertThat(finding.rule()).isEqualTo("adding-volatile-default");
            assertThat(finding.lock()).isEqualTo("ACCESS EXCLUSIVE on orders for the whole table rewrite");
            assertThat(finding.fix())
                    .contains(
                            "ALTER TABLE orders ADD COLUMN token uuid;",
                            "ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();");
            assertThat(rules("ALTER TABLE orders ADD COLUMN seen timestamptz DEFAULT clock_timestamp();"))
                    .containsExactly("adding-volatile-default");
            assertThat(rules("ALTER TABLE orders ADD COLUMN x int DEFAULT my_schema.next_code();"))
                    .containsExactly("adding-volatile-default");
        }

        @Test
        void leavesAloneConstantsAndStableFunctions() {
            assertThat(rules("ALTER TABLE orders ADD COLUMN created timestamptz NOT NULL DEFAULT now(),"
                            + " ADD COLUMN flag boolean NOT NULL DEFAULT false,"
                            + " ADD COLUMN tags jsonb DEFAULT '{}'::jsonb,"
                            + " ADD COLUMN price numeric DEFAULT CAST(0 AS numeric(10,2)),"
                            + " ADD COLUMN label varchar(20) DEFAULT 'new'::varchar(20);"))
                    .isEmpty();
        }

        @Test
        void leavesAloneTablesCreatedInTheSameMigration() {
            assertThat(
                            rules(
                                    "CREATE TABLE items (id int);\nALTER TABLE items ADD COLUMN token uuid DEFAULT gen_random_uuid();"))
                    .isEmpty();
        }
    }

    @Nested
    class AddingSerialColumn {

        @Test
        void flagsSerialTypesAndIdentityColumns() {
            assertThat(rules("ALTER TABLE orders ADD COLUMN seq bigserial;")).containsExactly("adding-serial-column");
            assertThat(rules("ALTER TABLE orders ADD COLUMN seq int GENERATED BY DEFAULT AS IDENTITY;"))
                    .containsExactly("adding-serial-column");
            assertThat(only("ALTER TABLE orders ADD COLUMN seq serial;").fix())
                    .contains("CREATE SEQUENCE orders_seq_seq;", "ADD COLUMN seq integer;");
        }

        @Test
        void leavesAloneNewTablesAndPlainIntegers() {
            assertThat(rules("CREATE TABLE items (id bigserial PRIMARY KEY);")).isEmpty();
            assertThat(rules("ALTER TABLE orders ADD COLUMN seq bigint;")).isEmpty();
        }
    }

    @Nested
    class AddingStoredGeneratedColumn {

        @Test
        void flagsAStoredGeneratedColumn() {
            assertThat(rules("ALTER TABLE orders ADD COLUMN gross numeric GENERATED ALWAYS AS (total * 1.2) STORED;"))
                    .containsExactly("adding-stored-generated-column");
        }

        @Test
        void leavesAloneAPlainColumn() {
            assertThat(rules("ALTER TABLE orders ADD COLUMN gross numeric;")).isEmpty();
        }
    }

    @Nested
    class AddingRequiredColumn {

        @Test
        void flagsNotNullWithoutDefault() {
            assertThat(rules("ALTER TABLE orders ADD COLUMN currency text NOT NULL;"))
                    .containsExactly("adding-required-column");
        }

        @Test
        void leavesAloneNotNullWithAConstantDefaultAndNullableColumns() {
            assertThat(rules("ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ADD currency text;")).isEmpty();
        }
    }

    @Nested
    class ChangingColumnType {

        @Test
        void flagsARewritingChangeWithTheLockAndTheNewColumnRecipe() {
            LintFinding finding = only("ALTER TABLE orders ALTER COLUMN code TYPE bigint;");

            assertThat(finding.rule()).isEqualTo("changing-column-type");
            assertThat(finding.lock()).isEqualTo("ACCESS EXCLUSIVE on orders for the whole table rewrite");
            assertThat(finding.problem()).startsWith("int and bigint are stored differently");
            assertThat(finding.fix())
                    .contains(
                            "ALTER TABLE orders ADD COLUMN code_new bigint;",
                            "ALTER TABLE orders RENAME COLUMN code_new TO code;");
        }

        @Test
        void flagsShorteningUsingAndUnknownCurrentTypes() {
            assertThat(rules("ALTER TABLE orders ALTER COLUMN status TYPE varchar(20);"))
                    .containsExactly("changing-column-type");
            assertThat(rules("ALTER TABLE orders ALTER COLUMN status TYPE text USING upper(status);"))
                    .containsExactly("changing-column-type");
            assertThat(rules("ALTER TABLE orders ALTER COLUMN no_such_column TYPE text;"))
                    .containsExactly("changing-column-type");
            assertThat(rules("ALTER TABLE orders ALTER COLUMN placed TYPE timestamptz;"))
                    .containsExactly("changing-column-type");
        }

        @Test
        void leavesAloneChangesThatDoNotRewrite() {
            assertThat(rules("ALTER TABLE orders ALTER COLUMN status TYPE varchar(100);"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ALTER status SET DATA TYPE character varying;"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ALTER COLUMN status TYPE text;"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ALTER COLUMN code TYPE integer;"))
                    .isEmpty();
        }

        @Test
        void followsTypesThroughEarlierChanges() {
            LintFixture fixture = fixture("ALTER TABLE orders ALTER COLUMN status TYPE varchar(200);")
                    .add("ALTER TABLE orders ALTER COLUMN status TYPE varchar(100);");
            assertThat(fixture.rules()).containsExactly("changing-column-type");
        }

        @Test
        void leavesAloneTablesCreatedInTheSameMigration() {
            assertThat(rules("CREATE TABLE items (id int);\nALTER TABLE items ALTER COLUMN id TYPE bigint;"))
                    .isEmpty();
        }
    }

    @Nested
    class SettingNotNull {

        @Test
        void flagsSetNotNullWithTheCheckValidateRecipe() {
            LintFinding finding = only("ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;");

            assertThat(finding.rule()).isEqualTo("setting-not-null");
            assertThat(finding.fix()).isEqualTo("""
                    ALTER TABLE orders ADD CONSTRAINT orders_user_id_not_null CHECK (user_id IS NOT NULL) NOT VALID;
                    -- in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes go on):
                    ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_not_null;
                    -- then, instant (PostgreSQL 12+ trusts the validated check instead of scanning):
                    ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;
                    ALTER TABLE orders DROP CONSTRAINT orders_user_id_not_null;""");
        }

        @Test
        void leavesAloneAColumnProvenByAValidatedCheck() {
            LintFixture fixture = fixture(
                            "ALTER TABLE orders ADD CONSTRAINT orders_user_id_nn CHECK (\"user_id\" IS NOT NULL) NOT VALID;")
                    .add("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_nn;")
                    .add("ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;\n"
                            + "ALTER TABLE orders DROP CONSTRAINT orders_user_id_nn;");
            assertThat(fixture.rules()).isEmpty();
        }

        @Test
        void stillFlagsWhenTheCheckIsNotValidated() {
            LintFixture fixture = fixture(
                            "ALTER TABLE orders ADD CONSTRAINT orders_user_id_nn CHECK (user_id IS NOT NULL) NOT VALID;")
                    .add("ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;");
            assertThat(fixture.rules()).containsExactly("setting-not-null");
        }
    }

    @Nested
    class ConstraintMissingNotValid {

        @Test
        void flagsACheckValidatedAtOnce() {
            LintFinding finding = only("ALTER TABLE orders ADD CONSTRAINT positive_total CHECK (total > 0);");
            assertThat(finding.rule()).isEqualTo("constraint-missing-not-valid");
            assertThat(finding.fix())
                    .contains(
                            "ALTER TABLE orders ADD CONSTRAINT positive_total CHECK (total > 0) NOT VALID;",
                            "ALTER TABLE orders VALIDATE CONSTRAINT positive_total;");
        }

        @Test
        void flagsValidatingInTheSameTransactionAsTheNotValidAdd() {
            assertThat(rules("ALTER TABLE orders ADD CONSTRAINT positive_total CHECK (total > 0) NOT VALID;\n"
                            + "ALTER TABLE orders VALIDATE CONSTRAINT positive_total;"))
                    .containsExactly("constraint-missing-not-valid");
        }

        @Test
        void leavesAloneNotValidChecksAndNewTables() {
            assertThat(rules("ALTER TABLE orders ADD CONSTRAINT positive_total CHECK (total > 0) NOT VALID;"))
                    .isEmpty();
            assertThat(rules("CREATE TABLE items (n int);\nALTER TABLE items ADD CHECK (n > 0);"))
                    .isEmpty();
        }
    }

    @Nested
    class AddingForeignKeyConstraint {

        @Test
        void flagsAForeignKeyValidatedAtOnce() {
            LintFinding finding = only("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id)"
                    + " REFERENCES users (id);");
            assertThat(finding.rule()).isEqualTo("adding-foreign-key-constraint");
            assertThat(finding.lock())
                    .isEqualTo("SHARE ROW EXCLUSIVE on orders and users while every row of orders" + " is checked");
            assertThat(finding.fix())
                    .contains(
                            "FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
                            "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;");
        }

        @Test
        void flagsANewColumnThatReferencesAnotherTable() {
            assertThat(rules("ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES users (id);"))
                    .containsExactly("adding-foreign-key-constraint");
        }

        @Test
        void leavesAloneNotValidKeysAndNewTables() {
            assertThat(rules("ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users NOT VALID;"))
                    .isEmpty();
            assertThat(rules("CREATE TABLE items (id int, order_id bigint REFERENCES orders (id));"))
                    .isEmpty();
        }
    }

    @Nested
    class AddingUniqueConstraint {

        @Test
        void flagsUniqueAndPrimaryKeyConstraintsThatBuildTheirIndex() {
            LintFinding finding = only("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);");
            assertThat(finding.rule()).isEqualTo("adding-unique-constraint");
            assertThat(finding.fix())
                    .contains(
                            "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);",
                            "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;");
            assertThat(rules("ALTER TABLE orders ADD PRIMARY KEY (code);")).containsExactly("adding-unique-constraint");
            assertThat(rules("ALTER TABLE orders ADD COLUMN ref text UNIQUE;"))
                    .containsExactly("adding-unique-constraint");
        }

        @Test
        void leavesAloneConstraintsUsingAnExistingIndex() {
            assertThat(rules("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;"))
                    .isEmpty();
        }
    }

    @Nested
    class PhaseRules {

        @Test
        void flagsDropsAndRenamesInAnExpandMigrationPointingToAContractMigration() {
            LintFinding drop = only("ALTER TABLE orders DROP COLUMN note;");
            assertThat(drop.rule()).isEqualTo("dropping-column");
            assertThat(drop.fix()).contains("-- slipway:phase contract\nALTER TABLE orders DROP COLUMN note;");
            assertThat(rules("DROP TABLE IF EXISTS orders CASCADE;")).containsExactly("dropping-table");
            assertThat(rules("ALTER TABLE orders RENAME COLUMN note TO remark;"))
                    .containsExactly("renaming-column");
            assertThat(rules("ALTER TABLE orders RENAME note TO remark;")).containsExactly("renaming-column");
            assertThat(rules("ALTER TABLE orders RENAME TO purchases;")).containsExactly("renaming-table");
            assertThat(fixture("ALTER TABLE orders RENAME TO purchases;\nDROP TABLE users;")
                            .lint()
                            .findings())
                    .extracting(LintFinding::rule)
                    .as("in file order, though a rename is judged at the end of its migration")
                    .containsExactly("renaming-table", "dropping-table", "multiple-tables-locked");
        }

        @Test
        void leavesAloneTheSameStatementsInAContractMigration() {
            assertThat(
                            rules(
                                    "-- slipway:phase contract\nALTER TABLE orders DROP COLUMN note;\n"
                                            + "ALTER TABLE orders RENAME COLUMN status TO state;\nALTER TABLE orders RENAME TO purchases;"))
                    .isEmpty();
            assertThat(rules("-- slipway:phase contract\nDROP TABLE users;")).isEmpty();
        }

        @Test
        void leavesAloneConstraintDropsRenamesBehindAViewAndNewTables() {
            assertThat(rules("ALTER TABLE orders DROP CONSTRAINT orders_pkey;")).isEmpty();
            assertThat(rules("ALTER TABLE orders RENAME TO purchases;\nCREATE VIEW orders AS SELECT * FROM purchases;"))
                    .isEmpty();
            assertThat(rules("CREATE TABLE tmp (id int);\nALTER TABLE tmp RENAME id TO key;\nDROP TABLE tmp;"))
                    .isEmpty();
        }
    }

    @Nested
    class TableRewrites {

        @Test
        void flagsVacuumFullClusterTablespaceAndPersistence() {
            assertThat(rules("VACUUM FULL orders;")).containsExactly("vacuum-full");
            assertThat(rules("VACUUM (FULL, ANALYZE) orders;")).containsExactly("vacuum-full");
            assertThat(rules("CLUSTER orders USING orders_pkey;")).containsExactly("cluster");
            assertThat(rules("ALTER TABLE orders SET TABLESPACE archive;")).containsExactly("setting-tablespace");
            assertThat(rules("ALTER INDEX orders_pkey SET TABLESPACE archive;")).containsExactly("setting-tablespace");
            assertThat(rules("ALTER TABLE orders SET UNLOGGED;")).containsExactly("changing-table-persistence");
        }

        @Test
        void leavesAlonePlainVacuumAndNewTables() {
            assertThat(rules("-- slipway:transaction off\nVACUUM ANALYZE orders;\nVACUUM (FULL false) orders;"))
                    .isEmpty();
            assertThat(rules("CREATE TABLE items (id int);\nALTER TABLE items SET UNLOGGED;"))
                    .isEmpty();
        }
    }

    @Nested
    class TruncateCascade {

        @Test
        void flagsCascade() {
            assertThat(rules("TRUNCATE TABLE users CASCADE;")).containsExactly("truncate-cascade");
        }

        @Test
        void leavesAloneAPlainTruncate() {
            assertThat(rules("TRUNCATE users;")).isEmpty();
        }
    }

    @Nested
    class MultipleTablesLocked {

        @Test
        void flagsATransactionalMigrationLockingTwoExistingTables() {
            LintFinding finding = only("ALTER TABLE orders ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;\n"
                    + "ALTER TABLE orders ADD COLUMN c int;");
            assertThat(finding.rule()).isEqualTo("multiple-tables-locked");
            assertThat(finding.statement()).isEqualTo(2);
            assertThat(finding.fix()).contains("--   orders: statements 1, 3", "--   users: statement 2");
        }

        @Test
        void leavesAloneOneTableNewTablesAndMigrationsOutsideATransaction() {
            assertThat(rules("ALTER TABLE orders ADD COLUMN a int;\nALTER TABLE orders ADD COLUMN b int;"))
                    .isEmpty();
            assertThat(rules("CREATE TABLE items (id int);\nALTER TABLE items ADD COLUMN a int;\n"
                            + "ALTER TABLE orders ADD COLUMN b int;"))
                    .isEmpty();
            assertThat(rules("-- slipway:transaction off\nALTER TABLE orders ADD COLUMN IF NOT EXISTS a int;\n"
                            + "ALTER TABLE users ADD COLUMN IF NOT EXISTS b int;"))
                    .isEmpty();
        }
    }

    @Nested
    class LocksAndConcurrentAlternatives {

        @Test
        void flagsLockTableReindexRefreshAndDetach() {
            LintFinding lock = only("LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE;");
            assertThat(lock.rule()).isEqualTo("lock-table");
            assertThat(lock.lock()).isEqualTo("SHARE ROW EXCLUSIVE on orders until the migration commits");
            assertThat(rules("REINDEX INDEX orders_pkey;")).containsExactly("reindex-without-concurrently");
            assertThat(rules("REFRESH MATERIALIZED VIEW order_totals;"))
                    .containsExactly("refresh-without-concurrently");
            assertThat(rules("ALTER TABLE orders DETACH PARTITION orders_2020;"))
                    .containsExactly("detach-partition-without-concurrently");
        }

        @Test
        void leavesAloneTheirConcurrentForms() {
            assertThat(rules("REINDEX INDEX CONCURRENTLY orders_pkey;")).isEmpty();
            assertThat(rules("REINDEX (CONCURRENTLY) TABLE orders;")).isEmpty();
            assertThat(rules("REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders DETACH PARTITION orders_2020 CONCURRENTLY;"))
                    .isEmpty();
            assertThat(rules("CREATE TABLE items (id int);\nLOCK items;")).isEmpty();
        }
    }

    @Nested
    class BulkDataChange {

        @Test
        void flagsUpdatesAndDeletesOfExistingTablesWithABackfillRecipe() {
            LintFinding finding = only("UPDATE orders SET status = 'open' WHERE status IS NULL;");
            assertThat(finding.rule()).isEqualTo("bulk-data-change");
            assertThat(finding.severity()).isEqualTo(LintSeverity.WARNING);
            assertThat(finding.fix()).contains(".set(\"status = 'open'\")", ".where(\"status IS NULL\")");
            assertThat(only("DELETE FROM orders WHERE total = 0;").fix())
                    .contains("DELETE FROM orders WHERE ctid IN"
                            + " (SELECT ctid FROM orders WHERE total = 0 LIMIT 1000);");
        }

        @Test
        void leavesAloneInsertsAndNewTables() {
            assertThat(rules("INSERT INTO orders (id) VALUES (1);")).isEmpty();
            assertThat(
                            rules(
                                    "CREATE TABLE items (id int, n int);\nINSERT INTO items VALUES (1, 0);\nUPDATE items SET n = 1;"))
                    .isEmpty();
        }
    }

    @Nested
    class Robustness {

        @Test
        void readsOptionalKeywordsAndSeveralActionsInOneAlterTable() {
            assertThat(rules("ALTER TABLE IF EXISTS ONLY public.orders ADD COLUMN IF NOT EXISTS x int NOT NULL;"))
                    .containsExactly("adding-required-column");
            assertThat(rules("ALTER TABLE orders ADD COLUMN a int, DROP COLUMN note, ALTER COLUMN code TYPE bigint;"))
                    .containsExactly("dropping-column", "changing-column-type");
        }

        @Test
        void matchesTablesWhateverTheirCaseQuotingOrSchema() {
            assertThat(rules("CREATE TABLE Items (id int);\nCREATE INDEX ON \"items\" (id);\n"
                            + "CREATE INDEX ON public.ITEMS (id);"))
                    .isEmpty();
            assertThat(rules("CREATE TABLE \"Items\" (id int);\nCREATE INDEX ON items (id);"))
                    .containsExactly("require-concurrent-index-creation");
        }

        @Test
        void ignoresCommentsBetweenKeywordsAndCommentedOutStatements() {
            assertThat(rules("-- CREATE INDEX ON orders (code);\n/* VACUUM FULL orders; */\n"
                            + "ALTER /* nothing to see */ TABLE orders -- still one statement\n ADD COLUMN a int;"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders\n  -- a comment\n  DROP COLUMN /* the old one */ note;"))
                    .containsExactly("dropping-column");
        }

        @Test
        void buildingTheUniqueIndexInAnotherTablespaceStillBuildsIt() {
            assertThat(rules("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)"
                            + " USING INDEX TABLESPACE fast;"))
                    .containsExactly("adding-unique-constraint");
            assertThat(rules("ALTER TABLE orders ADD CONSTRAINT no_overlap EXCLUDE USING gist (code WITH =);"))
                    .containsExactly("adding-unique-constraint");
        }

        @Test
        void aTableCreatedByAnEarlierMigrationExists() {
            LintFixture fixture = fixture("CREATE TABLE items (id int);").add("CREATE INDEX ON items (id);");
            assertThat(fixture.rules()).containsExactly("require-concurrent-index-creation");
        }
    }
}
