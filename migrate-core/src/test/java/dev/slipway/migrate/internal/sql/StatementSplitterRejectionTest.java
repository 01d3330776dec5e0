package dev.slipway.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.migrate.InvalidMigrationException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatementSplitterRejectionTest {

    private static final String SOURCE = "classpath:db/migrations/20240101000000_init/migration.sql";

    private static InvalidMigrationException rejection(String script) {
        InvalidMigrationException rejection =
                catchThrowableOfType(InvalidMigrationException.class, () -> StatementSplitter.split(script, SOURCE));
        assertThat(rejection).as("rejection of %s", script).isNotNull();
        assertThat(rejection.getSource()).isEqualTo(SOURCE);
        return rejection;
    }

    @Nested
    class UnterminatedTokens {

        @Test
        void namesTheLineWhereAnUnterminatedStringStarts() {
            InvalidMigrationException rejection = rejection("SELECT 1;\nSELECT 'it''s;\n\nSELECT 3;");

            assertThat(rejection.getLine()).isEqualTo(2);
            assertThat(rejection)
                    .hasMessage(SOURCE + ":2: unterminated quoted string starting here.\nClose it"
                            + " with ' (write '' for a quote inside the string: a backslash escapes nothing in '...', only"
                            + " in E'...').");
        }

        @Test
        void explainsThatABackslashQuoteDoesNotEndAnEscapeString() {
            InvalidMigrationException rejection = rejection("SELECT 1;\n\nSELECT E'C:\\';\nSELECT 4;");

            assertThat(rejection.getLine()).isEqualTo(3);
            assertThat(rejection.getMessage()).contains("unterminated E'...' string starting here.", "\\'");
        }

        @Test
        void namesTheLineWhereAnUnterminatedQuotedIdentifierStarts() {
            InvalidMigrationException rejection = rejection("CREATE TABLE t (\n  \"name text\n);");

            assertThat(rejection.getLine()).isEqualTo(2);
            assertThat(rejection.getMessage()).contains("unterminated quoted identifier starting here.");
        }

        @Test
        void namesTheOuterStartOfAnUnclosedNestedComment() {
            InvalidMigrationException rejection = rejection("SELECT 1;\n/* outer\n /* inner */\nSELECT 2;\n");

            assertThat(rejection.getLine()).isEqualTo(2);
            assertThat(rejection.getMessage()).contains("unterminated /* comment starting here.", "nest");
        }

        @Test
        void namesTheTagOfAnUnterminatedDollarQuotedString() {
            InvalidMigrationException rejection =
                    rejection("CREATE FUNCTION f() RETURNS int AS $fn$\nBEGIN RETURN 1; END\n$$ LANGUAGE plpgsql;");

            assertThat(rejection.getLine()).isEqualTo(1);
            assertThat(rejection.getMessage())
                    .contains("unterminated dollar-quoted string starting here.\nClose it with $fn$");
        }

        @Test
        void namesTheLineOfAnUnclosedParenthesis() {
            InvalidMigrationException rejection = rejection("SELECT 1;\nCREATE TABLE t (id int;\nSELECT 3;");

            assertThat(rejection.getLine()).isEqualTo(2);
            assertThat(rejection.getMessage()).contains("unclosed parenthesis starting here.");
        }

        @Test
        void namesTheLineOfABeginAtomicBodyWithoutEnd() {
            InvalidMigrationException rejection =
                    rejection("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nSELECT 2;");

            assertThat(rejection.getLine()).isEqualTo(2);
            assertThat(rejection.getMessage()).contains("unterminated BEGIN ATOMIC body starting here.", "END");
        }
    }

    @Nested
    class PsqlMetaCommands {

        @Test
        void rejectsConnectWithItsLineAndWhatToDo() {
            InvalidMigrationException rejection = rejection("SELECT 1;\n\n\\connect other_db\nSELECT 2;");

            assertThat(rejection.getLine()).isEqualTo(3);
            assertThat(rejection)
                    .hasMessageStartingWith(SOURCE + ":3: psql meta-command '\\connect' is not SQL:"
                            + " Slipway sends each statement to the server itself.\nRemove it; ")
                    .hasMessageContaining("the database it is configured for");
        }

        @Test
        void rejectsSetIncludeAndCopyMetaCommands() {
            assertThat(rejection("\\set ON_ERROR_STOP on\nSELECT 1;").getMessage())
                    .contains("'\\set'", "psql variables");
            assertThat(rejection("SELECT 1;\n\\i other.sql").getMessage()).contains("'\\i'", "included");
            assertThat(rejection("\\copy t FROM 'rows.csv' CSV").getMessage()).contains("'\\copy'", "INSERT");
            assertThat(rejection("\\c app").getMessage()).contains("'\\c'");
        }

        @Test
        void rejectsAMetaCommandAfterAStatementOnTheSameLine() {
            InvalidMigrationException rejection = rejection("SELECT 1;\nSELECT now() \\gset\n");

            assertThat(rejection.getLine()).isEqualTo(2);
            assertThat(rejection.getMessage()).contains("'\\gset'");
        }

        @Test
        void namesAMetaCommandMadeOfPunctuation() {
            assertThat(rejection("SELECT 1;\n\\! ls").getMessage()).contains("'\\!'");
        }

        @Test
        void acceptsBackslashesInsideStringsCommentsAndBodies() {
            assertThat(StatementSplitter.split("SELECT '\\connect', E'\\\\set', $$\\i$$ -- \\c\n/* \\copy */;", SOURCE))
                    .hasSize(1);
        }
    }

    @Nested
    class CopyFromStdin {

        @Test
        void rejectsCopyFromStdinBeforeReadingTheDataThatFollows() {
            InvalidMigrationException rejection =
                    rejection("CREATE TABLE t (a int, b text);\n\nCOPY t (a, b) FROM stdin;\n1\tit's\n2\t\\N\n\\.\n");

            assertThat(rejection.getLine()).isEqualTo(3);
            assertThat(rejection)
                    .hasMessage(SOURCE + ":3: COPY ... FROM STDIN needs psql to stream the data that"
                            + " follows it.\nLoad the rows with INSERT statements, or COPY FROM a server-side file.");
        }

        @Test
        void rejectsCopyFromStdinWithOptionsInAnyCase() {
            assertThat(rejection("copy public.t FROM STDIN WITH (FORMAT csv, HEADER true)")
                            .getLine())
                    .isEqualTo(1);
            assertThat(rejection("COPY t FROM /* here */ StdIn;").getLine()).isEqualTo(1);
            assertThat(rejection("COPY BINARY t FROM STDIN").getLine()).isEqualTo(1);
        }

        @Test
        void acceptsCopyThatPsqlDoesNotHaveToFeed() {
            assertThat(StatementSplitter.split(
                            "COPY t TO STDOUT;\n"
                                    + "COPY t FROM '/var/lib/postgresql/t.csv' WITH (FORMAT csv);\n"
                                    + "COPY (SELECT * FROM stdin) TO STDOUT;\n"
                                    + "COPY t FROM PROGRAM 'cat t.csv';\n"
                                    + "SELECT 'COPY t FROM STDIN';",
                            SOURCE))
                    .hasSize(5);
        }
    }

    @Test
    void rejectsANullScript() {
        assertThatThrownBy(() -> StatementSplitter.split(null, SOURCE))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("'script' must not be null");
    }
}
