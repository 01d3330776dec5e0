package dev.slipway.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases where the linter was wrong against PostgreSQL's behaviour (found by comparing it with squawk's test cases),
 * and the rules added with them. Each case lints two migrations: the first creates the tables, the second holds
 * the statement under test.
 */
class LintPrecisionTest {

    private static final String TABLES = """
            CREATE TABLE users (id bigint PRIMARY KEY, email text);
            CREATE TABLE orders (
                id bigint PRIMARY KEY,
                user_id bigint,
                status varchar(50),
                title varchar(255),
                total numeric(10,2),
                note text,
                code int
            );
            CREATE DOMAIN positive_amount AS numeric;
            """;

    @TempDir
    Path dir;

    private int cases;

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
    class UsingThatOnlyCastsTheColumn {

        @Test
        void leavesAloneAVarcharCastToText() {
            assertThat(rules("ALTER TABLE orders ALTER COLUMN status TYPE text USING status::text;"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ALTER COLUMN status TYPE text USING CAST(status AS text);"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ALTER COLUMN status TYPE text USING (status)::varchar::text;"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ALTER COLUMN status TYPE text USING status;"))
                    .isEmpty();
        }

        @Test
        void leavesAloneTheLongerVarcharThatDjangoWrites() {
            assertThat(rules("ALTER TABLE \"orders\" ALTER COLUMN \"title\" TYPE varchar(1000)"
                            + " USING \"title\"::varchar(1000);"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2) USING total::numeric(12,2);"))
                    .isEmpty();
        }

        @Test
        void stillFlagsAUsingThatConvertsTheValues() {
            LintFinding upper = only("ALTER TABLE orders ALTER COLUMN status TYPE text USING upper(status);");
            assertThat(upper.rule()).isEqualTo("changing-column-type");
            assertThat(upper.problem()).startsWith("the USING expression converts every row");

            assertThat(rules("ALTER TABLE orders ALTER COLUMN note TYPE integer USING note::integer;"))
                    .containsExactly("changing-column-type");
            assertThat(rules("ALTER TABLE orders ALTER COLUMN title TYPE varchar(100) USING title::varchar(100);"))
                    .containsExactly("changing-column-type");
            assertThat(rules("ALTER TABLE orders ALTER COLUMN status TYPE text USING status::text || '';"))
                    .containsExactly("changing-column-type");
            assertThat(rules("ALTER TABLE orders ALTER COLUMN status TYPE text USING note::text;"))
                    .containsExactly("changing-column-type");
        }

        @Test
        void judgesACastOfAnotherTypeByThatType() {
            LintFinding finding = only("ALTER TABLE orders ALTER COLUMN code TYPE text USING code::text;");
            assertThat(finding.problem()).startsWith("int and text are stored differently");
        }

        @Test
        void flagsACastWhenTheCurrentTypeIsUnknown() {
            LintFinding finding =
                    only("ALTER TABLE orders ALTER COLUMN no_such_column TYPE text" + " USING no_such_column::text;");
            assertThat(finding.problem()).startsWith("the migrations do not show no_such_column's current type");
        }
    }

    @Nested
    class DefaultVolatility {

        @Test
        void leavesAloneStableAndImmutableBuiltIns() {
            assertThat(rules("ALTER TABLE orders ADD COLUMN xid bigint DEFAULT txid_current();"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ADD COLUMN created_epoch numeric"
                            + " DEFAULT extract(epoch from now());"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ADD COLUMN day date DEFAULT date_trunc('day', current_timestamp(0));"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ADD COLUMN label text DEFAULT initcap(split_part('a b', ' ', 1));"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ADD COLUMN created timestamptz NOT NULL DEFAULT now();"))
                    .isEmpty();
        }

        @Test
        void flagsVolatileBuiltInsAndExtensionFunctions() {
            assertThat(rules("ALTER TABLE orders ADD COLUMN r float8 DEFAULT random();"))
                    .containsExactly("adding-volatile-default");
            assertThat(rules("ALTER TABLE orders ADD COLUMN t text DEFAULT timeofday();"))
                    .containsExactly("adding-volatile-default");
            LintFinding uuid = only("ALTER TABLE orders ADD COLUMN token uuid DEFAULT uuid_generate_v4();");
            assertThat(uuid.problem()).startsWith("the default calls uuid_generate_v4(), which is volatile");
        }

        @Test
        void takesAFunctionNobodyDeclaredAsVolatileSayingSo() {
            LintFinding finding = only("ALTER TABLE orders ADD COLUMN x int DEFAULT my_schema.next_code();");
            assertThat(finding.rule()).isEqualTo("adding-volatile-default");
            assertThat(finding.problem())
                    .contains(
                            "next_code(), which Slipway does not know to be STABLE or" + " IMMUTABLE",
                            "allow the finding");
        }

        @Test
        void learnsTheVolatilityThatAnEarlierMigrationDeclared() {
            LintFixture stable = fixture(
                            "CREATE FUNCTION region_code() RETURNS int LANGUAGE sql STABLE" + " AS $$ SELECT 42 $$;")
                    .add("ALTER TABLE orders ADD COLUMN region int DEFAULT region_code();");
            assertThat(stable.rules()).isEmpty();

            LintFixture undeclared = fixture("CREATE OR REPLACE FUNCTION next_ticket() RETURNS int LANGUAGE sql"
                            + " AS $$ SELECT 42 /* IMMUTABLE */ $$;")
                    .add("ALTER TABLE orders ADD COLUMN ticket int DEFAULT next_ticket();");
            assertThat(undeclared.only().problem()).contains("next_ticket(), which is volatile");
        }
    }

    @Nested
    class ReindexSystem {

        @Test
        void doesNotSuggestAConcurrentRebuildOfTheSystemCatalogs() {
            LintFinding finding = only("REINDEX SYSTEM app;");
            assertThat(finding.rule()).isEqualTo("reindex-without-concurrently");
            assertThat(finding.fix())
                    .doesNotContain("SYSTEM CONCURRENTLY")
                    .contains("system catalogs cannot be reindexed concurrently", "REINDEX DATABASE CONCURRENTLY app;");

            LintFinding catalog = only("REINDEX TABLE pg_catalog.pg_class;");
            assertThat(catalog.fix())
                    .doesNotContain("CONCURRENTLY pg_catalog")
                    .contains("system catalogs cannot be reindexed concurrently");
        }

        @Test
        void stillSuggestsConcurrentlyForTheApplicationsIndexes() {
            assertThat(only("REINDEX DATABASE app;").fix()).startsWith("REINDEX DATABASE CONCURRENTLY app;");
            assertThat(only("REINDEX TABLE orders;").fix()).startsWith("REINDEX TABLE CONCURRENTLY orders;");
        }
    }

    @Nested
    class DomainConstraintMissingNotValid {

        @Test
        void flagsADomainConstraintValidatedAtOnce() {
            LintFinding finding = only("ALTER DOMAIN positive_amount ADD CONSTRAINT positive CHECK (VALUE > 0);");
            assertThat(finding.rule()).isEqualTo("domain-constraint-missing-not-valid");
            assertThat(finding.severity()).isEqualTo(LintSeverity.ERROR);
            assertThat(finding.lock()).startsWith("SHARE on every table with a column of type positive_amount");
            assertThat(finding.fix())
                    .contains(
                            "ALTER DOMAIN positive_amount ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;",
                            "ALTER DOMAIN positive_amount VALIDATE CONSTRAINT positive;");
            assertThat(rules("ALTER DOMAIN public.positive_amount ADD CHECK (VALUE > 0);"))
                    .containsExactly("domain-constraint-missing-not-valid");
        }

        @Test
        void leavesAloneNotValidConstraintsAndNewDomains() {
            assertThat(rules("ALTER DOMAIN positive_amount ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;"))
                    .isEmpty();
            assertThat(rules("ALTER DOMAIN positive_amount VALIDATE CONSTRAINT positive;"))
                    .isEmpty();
            assertThat(rules("CREATE DOMAIN code AS text;\nALTER DOMAIN code ADD CONSTRAINT short"
                            + " CHECK (length(VALUE) < 10);"))
                    .isEmpty();
            assertThat(rules("ALTER DOMAIN positive_amount SET DEFAULT 0;")).isEmpty();
        }
    }

    @Nested
    class DroppingDatabase {

        @Test
        void flagsDropDatabaseInAnyPhase() {
            LintFinding finding = only("DROP DATABASE IF EXISTS legacy;");
            assertThat(finding.rule()).isEqualTo("dropping-database");
            assertThat(finding.severity()).isEqualTo(LintSeverity.ERROR);
            assertThat(finding.problem()).startsWith("DROP DATABASE deletes legacy");
            assertThat(rules("-- slipway:phase contract\nDROP DATABASE IF EXISTS legacy WITH (FORCE);"))
                    .containsExactly("dropping-database");
        }
    }

    @Nested
    class PreferRobustStmts {

        @Test
        void flagsStatementsOfAMigrationOutsideATransactionThatFailTheSecondTime() {
            LintFinding column = only("-- slipway:transaction off\nALTER TABLE orders ADD COLUMN region int;");
            assertThat(column.rule()).isEqualTo("prefer-robust-stmts");
            assertThat(column.severity()).isEqualTo(LintSeverity.WARNING);
            assertThat(column.problem()).contains("runs outside a transaction", "FAILED");
            assertThat(column.fix()).isEqualTo("ALTER TABLE orders ADD COLUMN IF NOT EXISTS region int;");

            assertThat(only("-- slipway:transaction off\nCREATE TABLE audit (id int);")
                            .fix())
                    .isEqualTo("CREATE TABLE IF NOT EXISTS audit (id int);");
            assertThat(only("DROP INDEX CONCURRENTLY orders_code_idx;").fix())
                    .isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS orders_code_idx;");
            assertThat(only("-- slipway:transaction off\n-- slipway:phase contract\nDROP TABLE audit;")
                            .fix())
                    .isEqualTo("DROP TABLE IF EXISTS audit;");
            assertThat(only("-- slipway:transaction off\nDROP TRIGGER orders_sync ON orders;")
                            .fix())
                    .isEqualTo("DROP TRIGGER IF EXISTS orders_sync ON orders;");
            assertThat(only("-- slipway:transaction off\nDROP OPERATOR CLASS money_ops USING btree;")
                            .fix())
                    .isEqualTo("DROP OPERATOR CLASS IF EXISTS money_ops USING btree;");
            assertThat(only("-- slipway:transaction off\n-- slipway:phase contract\n"
                                    + "ALTER TABLE orders DROP COLUMN note, DROP CONSTRAINT orders_code_check;")
                            .fix())
                    .isEqualTo("ALTER TABLE orders DROP COLUMN IF EXISTS note, DROP CONSTRAINT IF EXISTS"
                            + " orders_code_check;");
        }

        @Test
        void flagsAConcurrentIndexWithoutANameThatTheRunnerCannotLookUp() {
            LintFinding finding = only("CREATE INDEX CONCURRENTLY ON orders (code);");
            assertThat(finding.rule()).isEqualTo("prefer-robust-stmts");
            assertThat(finding.problem()).contains("second one", "cannot be looked up");
            assertThat(finding.fix())
                    .isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_code_idx ON orders" + " (code);");
        }

        @Test
        void leavesAloneANamedConcurrentIndexThatTheRunnerLooksUpWhenItResumes() {
            assertThat(rules("CREATE INDEX CONCURRENTLY orders_code_idx ON orders (code);"))
                    .isEmpty();
            assertThat(rules("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_code_idx ON orders (code);"))
                    .isEmpty();
        }

        @Test
        void leavesAloneRobustStatementsAndTransactionalMigrations() {
            assertThat(rules("-- slipway:transaction off\nALTER TABLE orders ADD COLUMN IF NOT EXISTS region int;\n"
                            + "CREATE TABLE IF NOT EXISTS audit (id int);\nDROP INDEX CONCURRENTLY IF EXISTS x;\n"
                            + "CREATE OR REPLACE VIEW v AS SELECT 1;\nINSERT INTO users (id) VALUES (1);\n"
                            + "VACUUM (ANALYZE) orders;"))
                    .isEmpty();
            assertThat(rules("ALTER TABLE orders ADD COLUMN region int;\nCREATE TABLE audit (id int);"))
                    .isEmpty();
        }
    }
}
