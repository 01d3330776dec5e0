package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Routine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which defaults make {@code ADD COLUMN} rewrite, and which type changes widen. */
class DdlTest {

    private static Routine function(String schema, String name, String volatility) {
        return new Routine(
                new QualifiedName(schema, name),
                "",
                false,
                "CREATE OR REPLACE FUNCTION " + schema + "." + name + "()\n RETURNS text\n LANGUAGE sql\n" + volatility
                        + "AS $function$ SELECT 'x' $function$\n",
                null);
    }

    @Test
    void aDefaultCallingAVolatileBuiltInOrExtensionFunctionRewrites() {
        assertThat(Ddl.volatileDefault("nextval('public.orders_id_seq'::regclass)", List.of()))
                .isTrue();
        assertThat(Ddl.volatileDefault("public.gen_random_bytes(32)", List.of()))
                .isTrue();
        assertThat(Ddl.volatileDefault("(EXTRACT(epoch FROM clock_timestamp()))::integer", List.of()))
                .isTrue();
    }

    @Test
    void aDefaultOfStableOrImmutableCallsCastsAndSyntaxDoesNotRewrite() {
        assertThat(Ddl.volatileDefault("now()", List.of())).isFalse();
        assertThat(Ddl.volatileDefault("(now() AT TIME ZONE 'utc'::text)", List.of()))
                .isFalse();
        assertThat(Ddl.volatileDefault("'a'::character varying(20)", List.of())).isFalse();
        assertThat(Ddl.volatileDefault("TRIM(BOTH 'x'::text FROM 'y'::text)", List.of()))
                .isFalse();
        assertThat(Ddl.volatileDefault("ARRAY[]::text[]", List.of())).isFalse();
        assertThat(Ddl.volatileDefault(null, List.of())).isFalse();
    }

    @Test
    void aFunctionOfTheSchemaHasTheVolatilityItsDefinitionDeclares() {
        List<Routine> routines = List.of(
                function("public", "random_code", ""),
                function("public", "fixed_code", " IMMUTABLE\n"),
                function("app", "Tenant", " STABLE STRICT\n"));
        assertThat(Ddl.volatileDefault("public.random_code()", routines)).isTrue();
        assertThat(Ddl.volatileDefault("public.fixed_code()", routines)).isFalse();
        assertThat(Ddl.volatileDefault("app.\"Tenant\"()", routines)).isFalse();
        // unknown to the schema and to the built-ins: PostgreSQL's default, volatile
        assertThat(Ddl.volatileDefault("public.made_elsewhere()", routines)).isTrue();
    }

    @Test
    void numericWidensWithAsManyIntegerDigitsAndDecimals() {
        assertThat(Ddl.widens("numeric(12,2)", "numeric(14,4)")).isTrue();
        assertThat(Ddl.widens("numeric(12,2)", "numeric(12,4)")).isFalse();
        assertThat(Ddl.widens("numeric(12,4)", "numeric(14,2)")).isFalse();
        assertThat(Ddl.binaryCoercible("numeric(12,2)", "numeric(14,4)")).isFalse();
    }
}
