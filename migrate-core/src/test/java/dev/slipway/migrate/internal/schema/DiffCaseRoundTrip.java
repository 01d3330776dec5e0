package dev.slipway.migrate.internal.schema;

import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.PlanStep;
import dev.slipway.migrate.schema.SchemaPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The round trip that every acceptance case and history goes through, after stripe's pg-schema-diff self-check:
 *
 * <ol>
 *   <li>reprint database B's definitions ({@link DefinitionReprint}): the catalog stores parse trees, and no tool can
 *       give A the text of the SQL the user wrote for B, only the text PostgreSQL prints for it, which parsed again
 *       can print differently ({@code IN} over {@code varchar}, {@code AND} chains); B is made to hold its printed
 *       form, as Slipway does with the scratch databases of {@code dev} and {@code diff};</li>
 *   <li>read database A (the start state) and database B (the desired state) with {@link CatalogReader};</li>
 *   <li>plan A to B with {@link SchemaDiffer};</li>
 *   <li>apply the plan to A: consecutive transactional steps together in one transaction, each step marked
 *       non-transactional alone in autocommit, in the plan's order;</li>
 *   <li>{@link SchemaDump pg_dump} of A must equal that of B but for the order of the columns of a table (a plan
 *       never reorders columns: a history that drops a column and adds it again puts it last, where a plan changes
 *       it in place);</li>
 *   <li>reading A again and planning it against B must give an empty plan.</li>
 * </ol>
 *
 * Every check runs even when an earlier one failed (as far as it can), and {@link Outcome#problems()} lists what
 * went wrong, with the plan and the first differences of the dumps, so one run says all that is wrong with a case.
 */
final class DiffCaseRoundTrip {

    /**
     * What a round trip found.
     *
     * @param plan the plan from A to B
     * @param problems what went wrong, each a paragraph; empty when the round trip held
     */
    record Outcome(SchemaPlan plan, List<String> problems) {

        /** The union of the hazards of the plan's steps. */
        Set<Hazard> hazards() {
            return hazardsOf(plan);
        }
    }

    private DiffCaseRoundTrip() {}

    /** Runs the round trip from {@code from} to {@code to}; {@code from} is changed by the plan. */
    static Outcome run(DiffCaseDatabase from, DiffCaseDatabase to) {
        List<String> problems = new ArrayList<>();
        reprint(to);
        DatabaseSchema target = read(to);
        SchemaPlan plan = SchemaDiffer.plan(read(from), target);
        if (!plan.unsupported().isEmpty()) {
            problems.add("The plan reports objects it does not handle: " + plan.unsupported());
        }
        String applyError = apply(from, plan);
        if (applyError != null) {
            problems.add(applyError);
        }
        String fromDump = SchemaDump.withColumnsInNameOrder(SchemaDump.of(from));
        String toDump = SchemaDump.withColumnsInNameOrder(SchemaDump.of(to));
        String diff = SchemaDumpDiff.of("A after the plan", fromDump, "B (desired)", toDump);
        if (!diff.isEmpty()) {
            problems.add("pg_dump of A after the plan differs from pg_dump of B:\n" + diff);
        }
        if (applyError == null) {
            SchemaPlan second = SchemaDiffer.plan(read(from), target);
            if (!second.isEmpty()) {
                problems.add("A second plan, after the first was applied, is not empty:\n" + describe(second));
            }
        }
        return new Outcome(plan, problems);
    }

    /** The union of the hazards of a plan's steps. */
    static Set<Hazard> hazardsOf(SchemaPlan plan) {
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        plan.steps().forEach(step -> hazards.addAll(step.hazards()));
        return hazards;
    }

    /** The plan, one step after another with its number, transaction mode, phase, hazards and object. */
    static String describe(SchemaPlan plan) {
        StringBuilder out = new StringBuilder();
        int number = 0;
        for (PlanStep step : plan.steps()) {
            number++;
            out.append("-- step ")
                    .append(number)
                    .append(step.transactional() ? "" : " (own, autocommit)")
                    .append(", ")
                    .append(step.phase())
                    .append(", ")
                    .append(step.object())
                    .append(", hazards ")
                    .append(step.hazards().isEmpty() ? "none" : EnumSet.copyOf(step.hazards()))
                    .append('\n')
                    .append(step.sql())
                    .append(";\n");
        }
        if (!plan.unsupported().isEmpty()) {
            out.append("-- unsupported: ").append(plan.unsupported()).append('\n');
        }
        return out.length() == 0 ? "(empty plan)\n" : out.toString();
    }

    /** Makes the database hold the printed form of its definitions (see the class comment). */
    static void reprint(DiffCaseDatabase database) {
        try (Connection connection = database.connect()) {
            DefinitionReprint.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("DefinitionReprint of " + database + " failed: " + e.getMessage(), e);
        }
    }

    static DatabaseSchema read(DiffCaseDatabase database) {
        try (Connection connection = database.connect()) {
            return CatalogReader.read(connection, CatalogReader.Options.defaults());
        } catch (SQLException e) {
            throw new IllegalStateException("CatalogReader.read of " + database + " failed: " + e.getMessage(), e);
        }
    }

    /** Applies the plan's steps to {@code database}; the failure with its step, or null when all ran. */
    private static String apply(DiffCaseDatabase database, SchemaPlan plan) {
        List<PlanStep> steps = plan.steps();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            int i = 0;
            while (i < steps.size()) {
                if (!steps.get(i).transactional()) {
                    connection.setAutoCommit(true);
                    String error = execute(statement, steps, i);
                    if (error != null) {
                        return error;
                    }
                    i++;
                    continue;
                }
                connection.setAutoCommit(false);
                int end = i;
                while (end < steps.size() && steps.get(end).transactional()) {
                    String error = execute(statement, steps, end);
                    if (error != null) {
                        connection.rollback();
                        return error;
                    }
                    end++;
                }
                connection.commit();
                i = end;
            }
            return null;
        } catch (SQLException e) {
            return "Applying the plan failed outside a step (connect or commit): " + e.getMessage();
        }
    }

    private static String execute(Statement statement, List<PlanStep> steps, int index) {
        PlanStep step = steps.get(index);
        try {
            statement.execute(step.sql());
            return null;
        } catch (SQLException e) {
            return "Step " + (index + 1) + " of the plan failed (" + step.object() + "): " + e.getMessage() + "\n"
                    + step.sql();
        }
    }
}
