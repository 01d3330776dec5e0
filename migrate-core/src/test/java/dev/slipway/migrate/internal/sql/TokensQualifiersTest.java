package dev.slipway.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Tokens#qualifiers} reads a statement without keeping its tokens and must name exactly the schemas that the
 * token list names: each qualified name's parts but the last, nothing of a name cut off after a dot.
 */
class TokensQualifiersTest {

    @Test
    void namesTheQualifiersOfEveryQualifiedNameOfAStatement() {
        assertThat(qualifiers("INSERT INTO app.orders (id) SELECT id FROM archive.\"Old Orders\" o"
                        + " WHERE o.id > s.t.c AND x.* IS NULL AND a.(b) AND y . z"))
                .containsExactly("app", "archive", "o", "s", "t", "y");
        assertThat(qualifiers("SELECT 1; SELECT other.t")).isEmpty();
        assertThat(qualifiers("SELECT (a.b); SELECT c.d")).containsExactly("a");
        assertThat(qualifiers("SELECT 'app.orders', $$x.y$$, \"a.b\" -- c.d\n /* e.f */"))
                .isEmpty();
        assertThat(qualifiers("SELECT a..b, c.d.")).isEmpty();
    }

    @Property(tries = 1000)
    void namesWhatTheTokenListNames(@ForAll("statements") String sql) {
        assertThat(qualifiers(sql)).isEqualTo(fromTokenList(sql));
    }

    @Provide
    Arbitrary<String> statements() {
        Arbitrary<String> piece = Arbitraries.of(
                "a",
                "b",
                "\"Q\"",
                "\"x.y\"",
                ".",
                ".",
                ".",
                "(",
                ")",
                ",",
                "*",
                ";",
                "'s.t'",
                "1",
                "1.5",
                "$$d.e$$",
                "-- c.d\n",
                "/* f.g */",
                "U&\"u\"",
                " ",
                "\n",
                "select");
        return piece.list().ofMinSize(1).ofMaxSize(30).map(pieces -> String.join(" ", pieces));
    }

    private static List<String> qualifiers(String sql) {
        List<String> found = new ArrayList<>();
        Tokens.qualifiers(sql, found::add);
        return found;
    }

    /** What the linter did before: every position followed by a dot, read as a name with the token list. */
    private static List<String> fromTokenList(String sql) {
        Tokens tokens = Tokens.of(sql);
        List<String> found = new ArrayList<>();
        java.util.Set<Integer> named = new java.util.HashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.isSymbol(i + 1, ".") && tokens.kind(i) != null) {
                Tokens.Name name = tokens.name(i);
                if (name != null && name.parts().size() > 1) {
                    // a name is reported from its first part; its later parts, reached again, add nothing new
                    for (int p = 0; p < name.parts().size() - 1; p++) {
                        if (named.add(i + 2 * p)) {
                            found.add(name.parts().get(p));
                        }
                    }
                }
            }
        }
        return found;
    }
}
