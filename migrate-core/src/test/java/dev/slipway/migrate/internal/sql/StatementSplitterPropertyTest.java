package dev.slipway.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.InvalidMigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Generates scripts from statements built of every lexical form, each full of semicolons, quotes and comment
 * markers that must not end anything, and checks that the splitter gives back exactly the generated statements.
 */
class StatementSplitterPropertyTest {

    private static final String SOURCE = "generated.sql";

    /** Words the routine-body rule reacts to; generated identifiers avoid them. */
    private static final Set<String> BODY_KEYWORDS = Set.of("begin", "case", "end", "atomic");

    @Property(tries = 500)
    void splitsAGeneratedScriptIntoTheGeneratedStatements(@ForAll("scripts") Script script) {
        List<SqlStatement> statements = StatementSplitter.split(script.text(), SOURCE);

        assertThat(statements).extracting(SqlStatement::sql).containsExactlyElementsOf(script.statements());
        assertThat(statements).extracting(SqlStatement::line).containsExactlyElementsOf(script.lines());
        assertThat(statements)
                .extracting(SqlStatement::number)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, script.statements().size())
                                .boxed()
                                .toList());
    }

    @Property(tries = 500)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void splitsAnyTextIntoStatementsThatSplitBackToThemselvesOrRejectsIt(@ForAll("sqlishText") String text) {
        Statistics.coverage(checker -> {
            checker.check("several statements").percentage(p -> p >= 8);
            checker.check("rejected").percentage(p -> p >= 5 && p <= 60);
        });
        List<SqlStatement> statements;
        try {
            statements = StatementSplitter.split(text, SOURCE);
        } catch (InvalidMigrationException rejected) {
            Statistics.collect("rejected");
            assertThat(rejected.getLine())
                    .isBetween(1, (int) text.chars().filter(c -> c == '\n').count() + 1);
            return;
        }
        Statistics.collect(statements.size() > 1 ? "several statements" : "at most one statement");
        for (SqlStatement statement : statements) {
            assertThat(statement.sql()).isNotBlank().isEqualTo(statement.sql().strip());
            assertThat(StatementSplitter.split(statement.sql(), SOURCE))
                    .extracting(SqlStatement::sql)
                    .containsExactly(statement.sql());
        }
    }

    /** Mostly words, whitespace, semicolons and closed quotes; now and then a stray quote or backslash. */
    @Provide
    @SuppressWarnings("unchecked")
    Arbitrary<String> sqlishText() {
        Arbitrary<String> plain = Arbitraries.of("a", "e", "E", "U&", "1", " ", "\n", ";", ";", "--");
        Arbitrary<String> closed = Arbitraries.of("';'", "E'\\';'", "\";\"", "$$;$$", "$a$;$a$", "(;)", "/*;*/");
        Arbitrary<String> stray = Arbitraries.of("'", "\"", "$", "$a$", "(", ")", "/*", "*/", "\\");
        return Arbitraries.frequencyOf(Tuple.of(20, plain), Tuple.of(6, closed), Tuple.of(1, stray))
                .list()
                .ofMaxSize(30)
                .map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<Script> scripts() {
        Arbitrary<Part> part = Combinators.combine(gap(), Arbitraries.oneOf(statement(), routine()), tail())
                .as(Part::new);
        return Combinators.combine(part.list().ofMaxSize(6), gap(), Arbitraries.of(true, false))
                .as(Script::assemble);
    }

    /** A statement of fragments of every lexical form, separated by whitespace and comments. */
    private Arbitrary<String> statement() {
        Arbitrary<String> first = Arbitraries.of("SELECT", "UPDATE", "insert", "Alter", "DELETE", "WITH", "VALUES");
        return Combinators.combine(first, fragments(1, 8))
                .as((keyword, rest) -> join(List.of(keyword, rest.get(0)), rest.get(1)));
    }

    /** A SQL-standard routine: semicolons and CASE ... END inside BEGIN ATOMIC ... END. */
    private Arbitrary<String> routine() {
        Arbitrary<String> head = Arbitraries.of(
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql",
                "create or replace procedure p(a int, b text)",
                "CREATE OR REPLACE FUNCTION app.fn(x int) RETURNS SETOF int");
        Arbitrary<String> caseExpression = Arbitraries.of(
                "CASE WHEN x > 0 THEN 1 END",
                "case when x then case when y then 'a;' end else 2 end",
                "(CASE WHEN $$;$$ = ';' THEN 3 END)");
        Arbitrary<String> innerStatement = Combinators.combine(fragments(1, 4), caseExpression.optional())
                .as((rest, caseExpr) -> join(List.of("SELECT", rest.get(0)), rest.get(1))
                        + caseExpr.map(c -> " " + c).orElse(""));
        return Combinators.combine(
                        head, separator(), innerStatement.list().ofMinSize(1).ofMaxSize(3), separator())
                .as((h, s1, inner, s2) ->
                        h + s1 + "BEGIN ATOMIC" + s1 + String.join(";" + s2, inner) + ";" + s2 + "END");
    }

    /** Two strings: the fragments joined by separators, and a separator for the caller to put before them. */
    private Arbitrary<List<String>> fragments(int min, int max) {
        return Combinators.combine(
                        fragment().list().ofMinSize(min).ofMaxSize(max),
                        separator().list().ofSize(max + 1))
                .as((fragments, separators) -> List.of(join(fragments, separators), separators.get(max)));
    }

    /** Joins with the given separators, but never so that SQL's string continuation could join two strings. */
    private static String join(List<String> fragments, List<String> separators) {
        StringBuilder joined = new StringBuilder(fragments.get(0));
        for (int i = 1; i < fragments.size(); i++) {
            String separator = separators.get((i - 1) % separators.size());
            boolean continuation =
                    fragments.get(i - 1).endsWith("'") && fragments.get(i).startsWith("'");
            joined.append(continuation ? " " : separator).append(fragments.get(i));
        }
        return joined.toString();
    }

    private static String join(List<String> fragments, String separator) {
        return join(fragments, List.of(separator));
    }

    @SuppressWarnings("unchecked")
    private Arbitrary<String> fragment() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, identifier()),
                Tuple.of(1, Arbitraries.of("1", "42", "3.14", "$1", "$12", "+", "=", "::", "<>", ",", ".")),
                Tuple.of(2, quotedIdentifier()),
                Tuple.of(3, standardString()),
                Tuple.of(3, escapeString()),
                Tuple.of(3, dollarString()),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "N'a;b'",
                                "B'1;0'",
                                "x'1F;'",
                                "U&'d\\0061t;a'",
                                "u&'d!0061t;''' UESCAPE '!'",
                                "U&\"col;\"\"x\"")),
                Tuple.of(1, Arbitraries.of("E'a\\''\n  '\\';b'", "'a' -- more;\n'b;'", "e'\\\\'\n\n'\\\\;'")),
                Tuple.of(1, Arbitraries.of("(a; 'b;')", "(x, (y; z))", "f($$;$$)")));
    }

    private Arbitrary<String> identifier() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(3)
                .flatMap(start -> Arbitraries.strings()
                        .withChars("abz09_$")
                        .ofMaxLength(4)
                        .map(rest -> start + rest))
                .filter(word -> !BODY_KEYWORDS.contains(word));
    }

    private Arbitrary<String> quotedIdentifier() {
        return pieces("a", "Z", " ", ";", "'", "\"\"", "$$", "--", "/*", "\\", "\n")
                .map(s -> "\"" + s + "\"");
    }

    private Arbitrary<String> standardString() {
        return pieces("a", "Z", " ", ";", "''", "\"", "\\", "$$", "--", "/*", "*/", "\n")
                .map(s -> "'" + s + "'");
    }

    private Arbitrary<String> escapeString() {
        return Combinators.combine(
                        Arbitraries.of("E", "e"), pieces("a", ";", "\\'", "\\\\", "''", "\\n", "\"", "$$", "--", "\n"))
                .as((prefix, s) -> prefix + "'" + s + "'");
    }

    private Arbitrary<String> dollarString() {
        Arbitrary<String> tag = Arbitraries.of("", "a", "fn", "_", "x1", "body_2", "Tag");
        return Combinators.combine(
                        tag, pieces("a", ";", "'", "\"", "$", "$$", "$a$", "$fn$", "$x", "--", "/*", "\\", "\n"))
                .as((t, body) -> new String[] {"$" + t + "$", body})
                .filter(tagAndBody -> (tagAndBody[1] + tagAndBody[0]).indexOf(tagAndBody[0]) == tagAndBody[1].length())
                .map(tagAndBody -> tagAndBody[0] + tagAndBody[1] + tagAndBody[0]);
    }

    /** Whitespace and comments between two tokens: never empty. */
    @SuppressWarnings("unchecked")
    private Arbitrary<String> separator() {
        Arbitrary<String> single = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(" ", "\n", "\t", "\r\n", "  \n\n  ")),
                Tuple.of(2, lineComment()),
                Tuple.of(2, blockComment()));
        return single.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join("", list));
    }

    /** What may stand between two statements: whitespace, comments and empty statements. */
    private Arbitrary<String> gap() {
        return Arbitraries.oneOf(separator(), Arbitraries.just(";"), Arbitraries.just(""))
                .list()
                .ofMaxSize(3)
                .map(list -> String.join("", list));
    }

    /** What may stand between a statement and its semicolon. */
    private Arbitrary<String> tail() {
        return Arbitraries.oneOf(separator(), Arbitraries.just(""));
    }

    private Arbitrary<String> lineComment() {
        return pieces("a", " ", ";", "'", "\"", "$$", "/*", "*/", "\\").map(s -> "--" + s + "\n");
    }

    private Arbitrary<String> blockComment() {
        Arbitrary<String> flat = pieces("a", " ", ";", "'", "\"", "$$", "--", "\n", "\\", "*", "/")
                .filter(s -> !s.contains("/*")
                        && !s.contains("*/")
                        && !s.endsWith("/")
                        && !s.startsWith("*")
                        && !s.endsWith("*")
                        && !s.startsWith("/"))
                .map(s -> " " + s + " ");
        return Combinators.combine(flat, flat, flat, Arbitraries.of(true, false))
                .as((a, b, c, nested) -> "/*" + a + (nested ? "/*" + b + "*/" : b) + c + "*/");
    }

    private static Arbitrary<String> pieces(String... pieces) {
        return Arbitraries.of(pieces).list().ofMaxSize(6).map(list -> String.join("", list));
    }

    /** One statement with what stands before it and between it and its semicolon. */
    private record Part(String gap, String statement, String tail) {}

    /** A generated script and what splitting it must give. */
    record Script(String text, List<String> statements, List<Integer> lines) {

        static Script assemble(List<Part> parts, String end, boolean lastSemicolon) {
            StringBuilder text = new StringBuilder();
            List<String> statements = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                text.append(part.gap());
                lines.add(1 + (int) text.chars().filter(c -> c == '\n').count());
                statements.add(part.statement());
                text.append(part.statement()).append(part.tail());
                if (i < parts.size() - 1 || lastSemicolon) {
                    text.append(';');
                } else if (part.tail().isEmpty() && !end.isEmpty() && !end.startsWith(";")) {
                    text.append(' ');
                }
            }
            text.append(end);
            return new Script(text.toString(), statements, lines);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
