package dev.slipway.migrate.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one-line summary of a statement that {@link Listeners} gives progress listeners. */
class ListenersTest {

    private static final String SECRET = "Tr0ub4dor-and-3";

    @Test
    void aLongStatementIsSummarisedOnOneShortLine() {
        String sql = "UPDATE users\n   SET note = 'x'\n WHERE id IN (" + "1, ".repeat(100) + "2)";

        String summary = Listeners.summary(sql);

        assertThat(summary)
                .hasSize(Listeners.SUMMARY_LENGTH)
                .startsWith("UPDATE users SET note = 'x' WHERE id IN (1, 1,")
                .endsWith("...");
    }

    @Test
    void hidesSecretsOfAStatementAndOfAHugeOneShowsNoLiteral() {
        assertThat(Listeners.summary("ALTER ROLE app PASSWORD '" + SECRET + "'"))
                .isEqualTo("ALTER ROLE app PASSWORD '***'");
        String huge = "INSERT INTO t VALUES ('postgresql://u:" + SECRET + "@h/db', '" + "y".repeat(300_000) + "')";

        assertThat(Listeners.summary(huge)).isEqualTo("INSERT INTO t VALUES ( ...");
    }
}
