package dev.slipway.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.InvalidMigrationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Splitting runs over every migration file at startup: large inputs (a thousand files, two hundred thousand
 * statements, long quoted text, an unterminated body) split correctly. Only results are asserted; how long it
 * takes (milliseconds here) is for benchmarks, and work that grew quadratically would show as a test that runs
 * for minutes.
 */
class StatementSplitterScaleTest {

    private static final String MIGRATION = """
            -- slipway:phase expand
            -- slipway:transaction auto
            CREATE TABLE users (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email text NOT NULL,
                name text,
                created_at timestamptz NOT NULL DEFAULT now()
            );

            /* Seed data; the quotes and semicolons are part of the values. */
            INSERT INTO users (email, name) VALUES ('a@example.com', 'O''Brien; Jr.'), ('b@example.com', E'tab\\there');

            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                NEW.updated_at := now();  -- keep it fresh;
                RETURN NEW;
            END;
            $fn$;

            CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql
            BEGIN ATOMIC
                SELECT count(*) FROM users WHERE CASE WHEN name IS NULL THEN false ELSE true END;
            END;

            CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
            COMMENT ON TABLE users IS 'People; who sign in.';
            """;

    @Test
    void splitsAThousandMigrationFiles() {
        int statements = 0;
        for (int file = 0; file < 1_000; file++) {
            statements += StatementSplitter.split(MIGRATION + "-- file " + file + "\n", "m.sql")
                    .size();
        }
        assertThat(statements).isEqualTo(6_000);
    }

    @Test
    void splitsAScriptOfTwoHundredThousandStatements() {
        String script = "SELECT 1;\n".repeat(200_000);

        List<SqlStatement> statements = StatementSplitter.split(script, "m.sql");

        assertThat(statements).hasSize(200_000);
        assertThat(statements.get(199_999).line()).isEqualTo(200_000);
    }

    @Test
    void readsLongQuotedText() {
        String script = "SELECT '" + "''".repeat(200_000) + "', E'" + "\\'".repeat(200_000) + "', \""
                + "\"\"".repeat(200_000) + "\", $a$" + "$b$ $a ".repeat(200_000) + "$a$, "
                + "'x'   \n".repeat(100_000) + " 1 /* " + "/* ".repeat(100_000) + "*/ ".repeat(100_001) + ";";

        assertThat(StatementSplitter.split(script, "m.sql")).hasSize(1);
    }

    @Test
    void rejectsALongUnterminatedBody() {
        String script = "SELECT 1;\nSELECT $a$" + "$ab$ ;\n".repeat(200_000);

        assertThatThrownBy(() -> StatementSplitter.split(script, "m.sql"))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining(":2: unterminated dollar-quoted string");
    }
}
