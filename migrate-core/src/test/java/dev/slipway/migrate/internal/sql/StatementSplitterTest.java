package dev.slipway.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private static final String SOURCE = "classpath:db/migrations/20240101000000_init/migration.sql";

    private static List<SqlStatement> split(String script) {
        return StatementSplitter.split(script, SOURCE);
    }

    private static List<String> sqls(String script) {
        return split(script).stream().map(SqlStatement::sql).toList();
    }

    @Nested
    class Statements {

        @Test
        void splitsOnSemicolonsAndNumbersFromOne() {
            assertThat(split("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nDROP TABLE c;"))
                    .extracting(SqlStatement::number, SqlStatement::sql, SqlStatement::line)
                    .containsExactly(
                            tuple(1, "CREATE TABLE a (id int)", 1),
                            tuple(2, "CREATE TABLE b (id int)", 2),
                            tuple(3, "DROP TABLE c", 3));
        }

        @Test
        void countsTheLastStatementWithoutSemicolon() {
            assertThat(sqls("SELECT 1;\nSELECT 2\n")).containsExactly("SELECT 1", "SELECT 2");
        }

        @Test
        void dropsEmptyStatementsAndStatementsOfOnlyComments() {
            assertThat(split(";;\n;  -- nothing\n/* still nothing */ ;\nSELECT 1;;;\n-- trailing comment\n"))
                    .extracting(SqlStatement::number, SqlStatement::sql, SqlStatement::line)
                    .containsExactly(tuple(1, "SELECT 1", 4));
        }

        @Test
        void returnsNoStatementsForAScriptOfWhitespaceAndComments() {
            assertThat(split("")).isEmpty();
            assertThat(split("  \n\t\n-- only a comment\n/* and /* a nested */ one */\n"))
                    .isEmpty();
        }

        @Test
        void startsAStatementAtItsFirstTokenAfterLeadingComments() {
            String script = "-- slipway:phase expand\n"
                    + "/* a header\n   over two lines */\n"
                    + "\n"
                    + "   ALTER TABLE users ADD COLUMN display_name text;\n"
                    + "-- slipway:allow add-column some reason\n"
                    + "ALTER TABLE users ADD COLUMN bio text;\n";

            assertThat(split(script))
                    .extracting(SqlStatement::sql, SqlStatement::line)
                    .containsExactly(
                            tuple("ALTER TABLE users ADD COLUMN display_name text", 5),
                            tuple("ALTER TABLE users ADD COLUMN bio text", 7));
        }

        @Test
        void keepsTheExactTextBetweenFirstAndLastTokenIncludingInnerComments() {
            String statement = "UPDATE users  -- note; not the end\n   SET name = 'x' /* ; */\n WHERE id = 1";

            assertThat(sqls(statement + "  \n ;")).containsExactly(statement);
        }

        @Test
        void endsAStatementAtItsLastTokenNotAtCommentsBeforeTheSemicolon() {
            assertThat(sqls("SELECT 1 -- one\n;\nSELECT 2 /* two */ ;\nSELECT 3 -- three, no semicolon"))
                    .containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
        }

        @Test
        void countsLinesOfStatementsThatSpanLines() {
            String script = "CREATE TABLE a (\n  id int,\n  name text\n);\n\n\nCREATE INDEX a_name ON a (name);";

            assertThat(split(script)).extracting(SqlStatement::line).containsExactly(1, 7);
        }

        @Test
        void countsLinesOfWindowsLineEndings() {
            List<SqlStatement> statements = split("SELECT 1;\r\n\r\nSELECT\r\n  2;\r\nSELECT 3");

            assertThat(statements)
                    .extracting(SqlStatement::sql, SqlStatement::line)
                    .containsExactly(tuple("SELECT 1", 1), tuple("SELECT\r\n  2", 3), tuple("SELECT 3", 5));
        }

        @Test
        void mapsAServerErrorPositionBackToTheLineOfTheFile() {
            SqlStatement statement = split("SELECT 1;\n\nSELECT a,\n       b,\n       nope FROM t;")
                    .get(1);

            assertThat(statement.lineOf(statement.sql().indexOf("nope") + 1)).isEqualTo(5);
        }

        @Test
        void ignoresAByteOrderMark() {
            assertThat(split("\uFEFFSELECT 1;"))
                    .extracting(SqlStatement::sql, SqlStatement::line)
                    .containsExactly(tuple("SELECT 1", 1));
        }

        @Test
        void doesNotEndAStatementAtASemicolonInsideParentheses() {
            String rule = "CREATE RULE audit AS ON INSERT TO t DO ALSO"
                    + " (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";

            assertThat(sqls(rule + ";\nSELECT 1;")).containsExactly(rule, "SELECT 1");
        }
    }

    @Nested
    class Comments {

        @Test
        void ignoresSemicolonsAndQuotesInLineComments() {
            assertThat(sqls("SELECT 1 -- it's; \"odd\" $$ /*\n + 1;\nSELECT 2;"))
                    .containsExactly("SELECT 1 -- it's; \"odd\" $$ /*\n + 1", "SELECT 2");
        }

        @Test
        void endsALineCommentAtACarriageReturnToo() {
            assertThat(sqls("SELECT 1 -- c\r;\nSELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        }

        @Test
        void readsALineCommentThatEndsTheScriptWithoutANewline() {
            assertThat(sqls("SELECT 1; -- done")).containsExactly("SELECT 1");
        }

        @Test
        void nestsBlockComments() {
            String statement = "SELECT /* outer /* inner; */ still comment; ' \" $$ */ 1";

            assertThat(sqls(statement + "; SELECT 2")).containsExactly(statement, "SELECT 2");
        }

        @Test
        void startsACommentInsideAnOperator() {
            assertThat(sqls("SELECT 1 +-- comment;\n 2;SELECT 3 */* c; */ 4"))
                    .containsExactly("SELECT 1 +-- comment;\n 2", "SELECT 3 */* c; */ 4");
        }

        @Test
        void readsCommentMarkersInsideStringsAsText() {
            assertThat(sqls("SELECT '-- not a comment', '/* nor this'; SELECT 2"))
                    .containsExactly("SELECT '-- not a comment', '/* nor this'", "SELECT 2");
        }
    }

    @Nested
    class Strings {

        @Test
        void ignoresSemicolonsInStrings() {
            assertThat(sqls("INSERT INTO t VALUES ('a;b'); SELECT 2"))
                    .containsExactly("INSERT INTO t VALUES ('a;b')", "SELECT 2");
        }

        @Test
        void readsDoubledQuotesAsAQuote() {
            assertThat(sqls("SELECT 'it''s; fine', ''''; SELECT 2"))
                    .containsExactly("SELECT 'it''s; fine', ''''", "SELECT 2");
        }

        @Test
        void readsABackslashInAStandardStringAsText() {
            assertThat(sqls("SELECT 'C:\\'; SELECT 'a\\'; SELECT 3"))
                    .containsExactly("SELECT 'C:\\'", "SELECT 'a\\'", "SELECT 3");
        }

        @Test
        void letsABackslashEscapeAQuoteInAnEscapeString() {
            assertThat(sqls("SELECT E'it\\'s; fine'; SELECT e'\\\\'; SELECT E'x''y;'; SELECT 4"))
                    .containsExactly("SELECT E'it\\'s; fine'", "SELECT e'\\\\'", "SELECT E'x''y;'", "SELECT 4");
        }

        @Test
        void readsEBeforeAQuoteAsAPrefixOnlyWhenItStartsAToken() {
            assertThat(sqls("SELECT some_e'\\'; SELECT 2")).containsExactly("SELECT some_e'\\'", "SELECT 2");
        }

        @Test
        void continuesAStringAfterALineBreakInTheSameMode() {
            String escape = "SELECT E'first'\n  '\\'; still the string'";
            String standard = "SELECT 'a' -- comment between\n\n 'b;c'";

            assertThat(sqls(escape + ";\n" + standard + ";\nSELECT 3")).containsExactly(escape, standard, "SELECT 3");
        }

        @Test
        void readsNationalBitAndHexStrings() {
            assertThat(sqls("SELECT N'a;b', B'1;0', X'1F;', n'x'; SELECT 2"))
                    .containsExactly("SELECT N'a;b', B'1;0', X'1F;', n'x'", "SELECT 2");
        }

        @Test
        void readsUnicodeEscapeStringsAndIdentifiers() {
            String statement = "SELECT U&'d\\0061t;a', u&'d!0061t;' UESCAPE '!' AS U&\"col;\"\"x\"";

            assertThat(sqls(statement + "; SELECT 2")).containsExactly(statement, "SELECT 2");
        }

        @Test
        void readsUAmpersandWithoutAQuoteAsAWordAndAnOperator() {
            assertThat(sqls("SELECT u&1; SELECT 2")).containsExactly("SELECT u&1", "SELECT 2");
        }
    }

    @Nested
    class QuotedIdentifiers {

        @Test
        void ignoresSemicolonsAndQuotesInQuotedIdentifiers() {
            String statement = "CREATE TABLE \"odd;name\" (\"it's\" int, \"say \"\"hi\"\";\" text)";

            assertThat(sqls(statement + "; SELECT 2")).containsExactly(statement, "SELECT 2");
        }
    }

    @Nested
    class DollarQuoting {

        @Test
        void ignoresSemicolonsInDollarQuotedBodies() {
            String function = "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                    + "BEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$";

            assertThat(split(function + ";\nSELECT 2;"))
                    .extracting(SqlStatement::sql, SqlStatement::line)
                    .containsExactly(tuple(function, 1), tuple("SELECT 2", 7));
        }

        @Test
        void endsABodyOnlyAtItsOwnTag() {
            String statement = "DO $fn$ BEGIN EXECUTE $$SELECT ';'$$; PERFORM $x$;$x$; END $fn$";

            assertThat(sqls(statement + "; SELECT 2")).containsExactly(statement, "SELECT 2");
        }

        @Test
        void acceptsUnderscoreDigitsAndNonAsciiInTags() {
            assertThat(sqls("SELECT $_$;$_$, $a1$;$a1$, $é$;$é$; SELECT 2"))
                    .containsExactly("SELECT $_$;$_$, $a1$;$a1$, $é$;$é$", "SELECT 2");
        }

        @Test
        void comparesTagsCaseSensitively() {
            assertThat(sqls("SELECT $A$ $a$; $A$; SELECT 2")).containsExactly("SELECT $A$ $a$; $A$", "SELECT 2");
        }

        @Test
        void findsTheClosingTagRightAfterAnOtherTag() {
            assertThat(sqls("SELECT $a$ x $b$a$; SELECT 2")).containsExactly("SELECT $a$ x $b$a$", "SELECT 2");
        }

        @Test
        void readsDollarDigitsAsAParameterNotAQuote() {
            assertThat(sqls("PREPARE p AS SELECT $1; EXECUTE p(1); SELECT $2"))
                    .containsExactly("PREPARE p AS SELECT $1", "EXECUTE p(1)", "SELECT $2");
        }

        @Test
        void readsDollarSignsInsideAWordAsPartOfTheWord() {
            assertThat(sqls("SELECT a$$; SELECT b$x$; SELECT 3"))
                    .containsExactly("SELECT a$$", "SELECT b$x$", "SELECT 3");
        }

        @Test
        void readsADollarWithoutAClosingDollarAsACharacter() {
            assertThat(sqls("SELECT $abc; SELECT 2")).containsExactly("SELECT $abc", "SELECT 2");
        }

        @Test
        void startsABodyRightAfterANumber() {
            assertThat(sqls("SELECT 1$$;$$; SELECT 2")).containsExactly("SELECT 1$$;$$", "SELECT 2");
        }
    }

    @Nested
    class RoutineBodies {

        @Test
        void keepsABeginAtomicBodyInOneStatement() {
            String function = "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql\n"
                    + "BEGIN ATOMIC\n  INSERT INTO calls VALUES (a, b);\n  SELECT a + b;\nEND";

            assertThat(split(function + ";\nSELECT 2;"))
                    .extracting(SqlStatement::sql, SqlStatement::line)
                    .containsExactly(tuple(function, 1), tuple("SELECT 2", 6));
        }

        @Test
        void countsCaseEndNestedInTheBody() {
            String procedure = "create or replace procedure p(x int) language sql begin atomic\n"
                    + "  insert into t select case when x > 0 then 1 else case when x < 0 then -1 end end;\n"
                    + "  update t set v = (case when v is null then 0 end);\n"
                    + "end";

            assertThat(sqls(procedure + "; SELECT 2")).containsExactly(procedure, "SELECT 2");
        }

        @Test
        void allowsCommentsBetweenBeginAndAtomic() {
            String function = "CREATE FUNCTION f() RETURNS int BEGIN /* body */ ATOMIC SELECT 1; END";

            assertThat(sqls(function + "; SELECT 2")).containsExactly(function, "SELECT 2");
        }

        @Test
        void doesNotTreatAFunctionNamedBeginAsABody() {
            String function = "CREATE FUNCTION app.begin() RETURNS int LANGUAGE sql RETURN 1";

            assertThat(sqls(function + "; SELECT 2")).containsExactly(function, "SELECT 2");
        }

        @Test
        void doesNotCountCaseEndOutsideABody() {
            String function = "CREATE FUNCTION sign(x int) RETURNS int LANGUAGE sql RETURN CASE WHEN x > 0 THEN 1 END";

            assertThat(sqls(function + "; SELECT 2")).containsExactly(function, "SELECT 2");
        }

        @Test
        void splitsTransactionStatementsAsUsual() {
            assertThat(sqls("BEGIN; SELECT CASE WHEN true THEN 1 END; END; COMMIT"))
                    .containsExactly("BEGIN", "SELECT CASE WHEN true THEN 1 END", "END", "COMMIT");
        }

        @Test
        void ignoresBeginAtomicInsideQuotesAndIdentifiers() {
            String function = "CREATE FUNCTION f() RETURNS text LANGUAGE sql RETURN 'BEGIN ATOMIC'";

            assertThat(sqls(function + "; SELECT \"begin\"; SELECT 3"))
                    .containsExactly(function, "SELECT \"begin\"", "SELECT 3");
        }
    }
}
