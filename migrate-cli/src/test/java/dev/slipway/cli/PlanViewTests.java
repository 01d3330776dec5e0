package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.PlanStep;
import dev.slipway.migrate.schema.SchemaPlan;
import dev.slipway.migrate.schema.UnsupportedObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanViewTests {

    private static final PlanStep ADD_COLUMN = new PlanStep(
            "ALTER TABLE public.users ADD COLUMN email text",
            Set.of(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
            true,
            MigrationPhase.EXPAND,
            "column public.users.email");
    private static final PlanStep ADD_CHECK = new PlanStep(
            "ALTER TABLE public.users ADD CONSTRAINT email_check CHECK (email <> '') NOT VALID",
            Set.of(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
            true,
            MigrationPhase.EXPAND,
            "constraint public.users.email_check");
    private static final PlanStep INDEX = new PlanStep(
            "CREATE INDEX CONCURRENTLY users_email_idx ON public.users USING btree (email)",
            Set.of(Hazard.INDEX_BUILD),
            false,
            MigrationPhase.EXPAND,
            "index public.users.users_email_idx");
    private static final PlanStep VALIDATE = new PlanStep(
            "ALTER TABLE public.users VALIDATE CONSTRAINT email_check",
            Set.of(Hazard.SCANS_TABLE),
            true,
            MigrationPhase.EXPAND,
            "constraint public.users.email_check");
    private static final PlanStep DROP_NAME = new PlanStep(
            "ALTER TABLE public.users DROP COLUMN name",
            Set.of(Hazard.DELETES_DATA, Hazard.BREAKS_OLD_CODE, Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
            true,
            MigrationPhase.CONTRACT,
            "column public.users.name");

    private static final SchemaPlan PLAN = new SchemaPlan(
            List.of(ADD_COLUMN, ADD_CHECK, INDEX, VALIDATE, DROP_NAME),
            List.of(new UnsupportedObject("domain", "public.positive_int")));

    @Test
    void groupsStepsAsMigrationsWouldHoldThemInPlanOrder() {
        List<PlanView.Group> groups = PlanView.groups(PLAN);

        assertThat(groups).extracting(g -> g.steps().size()).containsExactly(2, 1, 1, 1);
        assertThat(groups).extracting(PlanView.Group::transactional).containsExactly(true, false, true, true);
        assertThat(groups)
                .extracting(PlanView.Group::phase)
                .containsExactly(
                        MigrationPhase.EXPAND, MigrationPhase.EXPAND, MigrationPhase.EXPAND, MigrationPhase.CONTRACT);
    }

    @Test
    void showsEachHazardOnItsStepAndWhatItMeansOnce() {
        String text = PlanView.text(PLAN, plainConsole());

        assertThat(text)
                .contains("Migration 2 of 4: expand, outside a transaction, alone")
                .contains("Migration 4 of 4: contract")
                .contains("   5. ALTER TABLE public.users DROP COLUMN name;")
                .contains("hazards: acquires-access-exclusive-lock, deletes-data, breaks-old-code")
                .contains("Not handled: ", "domain public.positive_int");
        assertThat(text.split(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK.description(), -1))
                .hasSize(2);
        assertThat(PlanView.summary(PLAN)).isEqualTo("5 statements in 4 migrations, and 1 object to change by hand");
    }

    @Test
    void writesAScriptForPsqlWithOnlySql() {
        String script = PlanView.script(PLAN, "slipway diff --from a --to b");

        assertThat(script)
                .startsWith("-- slipway diff --from a --to b\n")
                .contains("-- Not handled (change it by hand): domain public.positive_int\n")
                .contains("-- outside a transaction: run it on its own, not inside BEGIN ... COMMIT\n"
                        + "CREATE INDEX CONCURRENTLY users_email_idx ON public.users USING btree (email);\n")
                .contains("ALTER TABLE public.users DROP COLUMN name;\n")
                .doesNotContain("hazards");
        assertThat(script.lines().filter(l -> !l.isBlank() && !l.startsWith("--")))
                .allMatch(l -> l.endsWith(";"));
        assertThat(PlanView.script(new SchemaPlan(List.of(), List.of()), "h")).isEqualTo("-- h\n-- No difference.\n");
    }

    @Test
    void givesThePlanAsData() {
        Map<String, Object> json = PlanView.json(PLAN);

        assertThat(json.get("difference")).isEqualTo(true);
        assertThat(json.get("statementCount")).isEqualTo(5);
        assertThat((List<?>) json.get("migrations")).hasSize(4);
        assertThat(Json.write(json.get("hazards"))).contains("\"INDEX_BUILD\"", "\"DELETES_DATA\"");
        assertThat(Json.write(json)).contains("\"sql\": \"CREATE INDEX CONCURRENTLY");
    }

    private static Console plainConsole() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new Console(sink, sink, false, false);
    }
}
