package dev.slipway.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlStatementsTest {

    @Nested
    class LeadingWords {

        @Test
        void readsUpperCasedWordsSkippingCommentsAndWhitespace() {
            String sql = "-- why\n create /* a */ Unique\n\tINDEX concurrently idx ON t (a)";

            assertThat(SqlStatements.leadingWords(sql, 4)).containsExactly("CREATE", "UNIQUE", "INDEX", "CONCURRENTLY");
        }

        @Test
        void stopsAtTheFirstTokenThatIsNotAnUnquotedWord() {
            assertThat(SqlStatements.leadingWords("ALTER TABLE \"Users\" ADD COLUMN x int", 5))
                    .containsExactly("ALTER", "TABLE");
            assertThat(SqlStatements.leadingWords("SELECT 'VACUUM'", 5)).containsExactly("SELECT");
            assertThat(SqlStatements.leadingWords("(SELECT 1)", 5)).isEmpty();
        }

        @Test
        void returnsFewerWordsWhenTheStatementIsShort() {
            assertThat(SqlStatements.leadingWords("VACUUM", 3)).containsExactly("VACUUM");
            assertThat(SqlStatements.leadingWords("  /* nothing */ ", 3)).isEmpty();
            assertThat(SqlStatements.leadingWords("VACUUM", 0)).isEmpty();
        }

        @Test
        void foldsOnlyAsciiLettersAsPostgresDoes() {
            assertThat(SqlStatements.leadingWords("begın straße", 2)).containsExactly("BEGıN", "STRAßE");
        }

        @Test
        void rejectsANegativeMaximum() {
            assertThatThrownBy(() -> SqlStatements.leadingWords("SELECT 1", -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'max' must not be negative");
        }
    }

    @Nested
    class CannotRunInTransaction {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "CREATE INDEX CONCURRENTLY idx ON t (a)",
                    "create unique index concurrently if not exists idx on t (a)",
                    "CREATE /* c */ INDEX\n  CONCURRENTLY ON t (a)",
                    "DROP INDEX CONCURRENTLY IF EXISTS idx",
                    "REINDEX INDEX CONCURRENTLY idx",
                    "REINDEX TABLE CONCURRENTLY t",
                    "REINDEX (VERBOSE, CONCURRENTLY) TABLE t",
                    "REINDEX (CONCURRENTLY true) INDEX idx",
                    "REINDEX SCHEMA public",
                    "REINDEX DATABASE app",
                    "REINDEX SYSTEM",
                    "VACUUM",
                    "vacuum (analyze) t",
                    "VACUUM FULL t;",
                    "ALTER SYSTEM SET work_mem = '64MB'",
                    "CREATE DATABASE app",
                    "DROP DATABASE IF EXISTS app",
                    "ALTER DATABASE app SET TABLESPACE fast",
                    "CREATE TABLESPACE fast LOCATION '/ssd'",
                    "DROP TABLESPACE fast",
                    "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY",
                    "ALTER TABLE IF EXISTS ONLY \"Events\" DETACH PARTITION app.p CONCURRENTLY",
                    "CLUSTER",
                    "CLUSTER VERBOSE",
                    "CLUSTER (VERBOSE)",
                    "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p",
                    "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = true)",
                    "DROP SUBSCRIPTION IF EXISTS s",
                    "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
                    "ALTER SUBSCRIPTION s REFRESH PUBLICATION WITH (copy_data = false)",
                    "ALTER SUBSCRIPTION s SET PUBLICATION p",
                    "ALTER SUBSCRIPTION s ADD PUBLICATION p WITH (copy_data = false)",
                    "ALTER SUBSCRIPTION \"S\" DROP PUBLICATION p WITH (refresh = true)",
                    "ALTER SUBSCRIPTION s SET (failover = true)",
                    "ALTER SUBSCRIPTION s SET (two_phase = false)",
                    "COMMIT PREPARED 'tx1'",
                    "ROLLBACK PREPARED 'tx1'",
                    "DISCARD ALL",
                })
        void flagsWhatPostgresRefusesInATransactionBlock(String sql) {
            assertThat(SqlStatements.cannotRunInTransaction(sql)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "CREATE INDEX idx ON t (a)",
                    "CREATE UNIQUE INDEX ON t (a)",
                    "CREATE TABLE concurrently_log (id int)",
                    "DROP INDEX idx",
                    "REINDEX INDEX idx",
                    "REINDEX (VERBOSE) TABLE t",
                    "REINDEX (CONCURRENTLY false) TABLE t",
                    "ANALYZE t",
                    "CLUSTER t",
                    "CLUSTER t USING idx",
                    "CLUSTER VERBOSE t",
                    "CLUSTER (VERBOSE) t USING idx",
                    "ALTER TABLE events DETACH PARTITION events_2024",
                    "ALTER TABLE events DETACH PARTITION events_2024 FINALIZE",
                    "ALTER TABLE t ADD CONSTRAINT c CHECK (x <> 'DETACH PARTITION CONCURRENTLY')",
                    "ALTER DATABASE app SET search_path = app",
                    "ALTER DATABASE app RENAME TO app2",
                    "ALTER TABLESPACE fast RENAME TO faster",
                    "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = false, slot_name = 's')",
                    "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (connect = 'false')",
                    "ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false)",
                    "ALTER SUBSCRIPTION s ADD PUBLICATION p WITH (refresh = off, copy_data = true)",
                    "ALTER SUBSCRIPTION s DROP PUBLICATION p WITH (refresh = 0)",
                    "ALTER SUBSCRIPTION s ENABLE",
                    "ALTER SUBSCRIPTION s SET (two_phase = true)",
                    "ALTER SUBSCRIPTION s SET (synchronous_commit = off)",
                    "ALTER TYPE mood ADD VALUE 'sad'",
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
                    "CHECKPOINT",
                    "COMMIT",
                    "ROLLBACK",
                    "PREPARE TRANSACTION 'tx1'",
                    "DISCARD PLANS",
                    "SELECT 'VACUUM'",
                    "-- VACUUM\nSELECT 1",
                    "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$VACUUM$$",
                    "DO $$BEGIN EXECUTE 'VACUUM'; END$$",
                    "",
                })
        void doesNotFlagWhatRunsInATransaction(String sql) {
            assertThat(SqlStatements.cannotRunInTransaction(sql)).isFalse();
        }
    }

    @Nested
    class TransactionControl {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "BEGIN",
                    "begin transaction isolation level serializable",
                    "BEGIN WORK",
                    "START TRANSACTION READ ONLY",
                    "COMMIT",
                    "COMMIT AND CHAIN",
                    "/* done */ commit;",
                    "END",
                    "ROLLBACK",
                    "ROLLBACK TO SAVEPOINT s",
                    "ABORT",
                    "SAVEPOINT s",
                    "RELEASE SAVEPOINT s",
                    "RELEASE s",
                    "PREPARE TRANSACTION 'tx1'",
                })
        void recognisesTransactionControl(String sql) {
            assertThat(SqlStatements.isTransactionControl(sql)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "COMMIT PREPARED 'tx1'",
                    "ROLLBACK PREPARED 'tx1'",
                    "PREPARE stmt AS SELECT 1",
                    "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
                    "DO $$ BEGIN COMMIT; END $$",
                    "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$BEGIN COMMIT; END$$",
                    "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
                    "SELECT 'BEGIN'",
                    "-- BEGIN\nSELECT 1",
                    "",
                })
        void doesNotMistakeOtherStatementsForTransactionControl(String sql) {
            assertThat(SqlStatements.isTransactionControl(sql)).isFalse();
        }
    }

    @Nested
    class ConcurrentIndexBuilds {

        @Test
        void findsTheTableOfEveryConcurrentBuildNamedOrNot() {
            assertThat(SqlStatements.concurrentIndexTable("CREATE UNIQUE INDEX CONCURRENTLY ON app.\"Users\" (email)"))
                    .contains("app.\"Users\"");
            assertThat(SqlStatements.concurrentIndexTable("create index concurrently on only t (a)"))
                    .contains("t");
            assertThat(SqlStatements.concurrentIndexTable("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON s.t (a)"))
                    .contains("s.t");
            assertThat(SqlStatements.concurrentIndexTable("CREATE INDEX i ON t (a)"))
                    .isEmpty();
            assertThat(SqlStatements.concurrentIndexTable("DROP INDEX CONCURRENTLY i"))
                    .isEmpty();
        }

        @Test
        void findsTheIndexAndTableOfAConcurrentBuild() {
            assertThat(SqlStatements.concurrentIndexBuild("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)"))
                    .contains(new ConcurrentIndexBuild("users_email_idx", "users"));
        }

        @Test
        void foldsAnUnquotedIndexNameToLowerCaseAndKeepsTheTableAsWritten() {
            assertThat(SqlStatements.concurrentIndexBuild(
                            "CREATE INDEX CONCURRENTLY Users_Email_IDX ON App.Users (email)"))
                    .contains(new ConcurrentIndexBuild("users_email_idx", "App.Users"));
        }

        @Test
        void keepsAQuotedIndexNameExactly() {
            assertThat(
                            SqlStatements.concurrentIndexBuild(
                                    "create unique index concurrently \"Users \"\"Email\"\"\" on public.\"Users\" using btree (email)"))
                    .contains(new ConcurrentIndexBuild("Users \"Email\"", "public.\"Users\""));
        }

        @Test
        void readsIfNotExistsOnlyAndCommentsBetweenTokens() {
            assertThat(SqlStatements.concurrentIndexBuild(
                            "CREATE /* x */ INDEX CONCURRENTLY IF NOT EXISTS -- y\n idx ON ONLY app . events (at)"))
                    .contains(new ConcurrentIndexBuild("idx", "app.events"));
        }

        @Test
        void decodesUnicodeEscapesInNames() {
            assertThat(SqlStatements.concurrentIndexBuild(
                            "CREATE INDEX CONCURRENTLY U&\"d\\0061t\\+0000e9\" ON U&\"t!00e9\" UESCAPE '!' (a)"))
                    .contains(new ConcurrentIndexBuild("daté", "\"té\""));
        }

        @Test
        void cutsALongNameTo63BytesAsPostgresDoes() {
            String unquoted = "a".repeat(70);
            String quoted = "é".repeat(40);

            assertThat(SqlStatements.concurrentIndexBuild("CREATE INDEX CONCURRENTLY " + unquoted + " ON t (a)"))
                    .contains(new ConcurrentIndexBuild("a".repeat(63), "t"));
            assertThat(SqlStatements.concurrentIndexBuild("CREATE INDEX CONCURRENTLY \"" + quoted + "\" ON t (a)"))
                    .contains(new ConcurrentIndexBuild("é".repeat(31), "t"));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "CREATE INDEX CONCURRENTLY ON t (a)",
                    "CREATE INDEX idx ON t (a)",
                    "CREATE INDEX CONCURRENTLY app.idx ON t (a)",
                    "CREATE INDEX CONCURRENTLY U&\"\\00zz\" ON t (a)",
                    "DROP INDEX CONCURRENTLY idx",
                    "REINDEX INDEX CONCURRENTLY idx",
                    "SELECT 'CREATE INDEX CONCURRENTLY idx ON t (a)'",
                    "",
                })
        void findsNothingInOtherStatementsOrWithoutAName(String sql) {
            assertThat(SqlStatements.concurrentIndexBuild(sql)).isEmpty();
        }
    }

    @Test
    void rejectsANullStatement() {
        assertThatThrownBy(() -> SqlStatements.cannotRunInTransaction(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("'sql' must not be null");
    }
}
