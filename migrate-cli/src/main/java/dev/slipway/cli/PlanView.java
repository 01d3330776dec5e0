package dev.slipway.cli;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.PlanStep;
import dev.slipway.migrate.schema.SchemaPlan;
import dev.slipway.migrate.schema.UnsupportedObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SchemaPlan} as {@code diff} and {@code drift} show it: as text for a person, as a SQL script for psql, and
 * as {@code --json}.
 *
 * <ol>
 *   <li>The steps keep the plan's order (it is the dependency order) and are grouped as migrations would hold them:
 *       consecutive transactional steps of one phase together, each step that cannot run in a transaction alone, a
 *       change of phase (expand, contract) starting a new group.</li>
 *   <li>Each step shows its statement, the object it touches, its phase and its hazards; what each hazard means is
 *       said once, in a legend after the steps.</li>
 *   <li>Objects of kinds the plan does not handle are listed apart: a plan with any is incomplete.</li>
 * </ol>
 */
final class PlanView {

    /** Steps that one migration would hold. */
    record Group(MigrationPhase phase, boolean transactional, List<PlanStep> steps) {}

    private PlanView() {}

    static List<Group> groups(SchemaPlan plan) {
        List<Group> groups = new ArrayList<>();
        Group current = null;
        for (PlanStep step : plan.steps()) {
            if (current == null
                    || !step.transactional()
                    || !current.transactional()
                    || current.phase() != step.phase()) {
                current = new Group(step.phase(), step.transactional(), new ArrayList<>());
                groups.add(current);
            }
            current.steps().add(step);
        }
        return groups;
    }

    /** The plan as text: the groups with their numbered steps, the hazards' legend, the objects not handled. */
    static String text(SchemaPlan plan, Console console) {
        StringBuilder out = new StringBuilder();
        List<Group> groups = groups(plan);
        int number = 0;
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            out.append(console.bold("Migration " + (g + 1) + " of " + groups.size() + ": " + describe(group)))
                    .append('\n');
            for (PlanStep step : group.steps()) {
                number++;
                String prefix = String.format(Locale.ROOT, "%4d. ", number);
                out.append(prefix)
                        .append(indent(step.sql(), " ".repeat(prefix.length())))
                        .append(";\n");
                String pad = " ".repeat(prefix.length());
                out.append(pad).append(step.object()).append('\n');
                if (!step.hazards().isEmpty()) {
                    out.append(pad)
                            .append(console.yellow("hazards: " + names(step.hazards())))
                            .append('\n');
                }
            }
            out.append('\n');
        }
        Set<Hazard> used = hazards(plan);
        if (!used.isEmpty()) {
            out.append("Hazards:\n");
            int width = used.stream().mapToInt(h -> name(h).length()).max().orElse(0);
            for (Hazard hazard : used) {
                out.append("  ")
                        .append(String.format("%-" + width + "s", name(hazard)))
                        .append("  ")
                        .append(hazard.description())
                        .append('\n');
            }
            out.append('\n');
        }
        if (!plan.unsupported().isEmpty()) {
            out.append(console.yellow("Not handled: "))
                    .append("these objects differ but are of kinds the plan does not model; change them by hand:\n");
            for (UnsupportedObject object : plan.unsupported()) {
                out.append("  ")
                        .append(object.kind())
                        .append(' ')
                        .append(object.name())
                        .append('\n');
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }

    /**
     * The plan as a script psql runs as it is (autocommit, so statements that cannot run in a transaction can): each
     * statement ended by a semicolon; a comment marks each group and each statement outside a transaction.
     */
    static String script(SchemaPlan plan, String heading) {
        StringBuilder out = new StringBuilder();
        out.append("-- ").append(heading).append('\n');
        if (plan.isEmpty()) {
            out.append("-- No difference.\n");
            return out.toString();
        }
        for (UnsupportedObject object : plan.unsupported()) {
            out.append("-- Not handled (change it by hand): ")
                    .append(object.kind())
                    .append(' ')
                    .append(object.name())
                    .append('\n');
        }
        List<Group> groups = groups(plan);
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            out.append("\n-- Migration ")
                    .append(g + 1)
                    .append(": ")
                    .append(describe(group))
                    .append('\n');
            for (PlanStep step : group.steps()) {
                if (!step.transactional()) {
                    out.append("-- outside a transaction: run it on its own, not inside BEGIN ... COMMIT\n");
                }
                out.append(step.sql()).append(";\n");
            }
        }
        return out.toString();
    }

    /** The plan as data: its groups with their steps, the hazards' meaning, the objects not handled. */
    static Map<String, Object> json(SchemaPlan plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("difference", !plan.isEmpty());
        body.put("statementCount", plan.steps().size());
        List<Object> migrations = new ArrayList<>();
        for (Group group : groups(plan)) {
            Map<String, Object> migration = new LinkedHashMap<>();
            migration.put("phase", group.phase());
            migration.put("transactional", group.transactional());
            migration.put("steps", group.steps().stream().map(PlanView::json).toList());
            migrations.add(migration);
        }
        body.put("migrations", migrations);
        Map<String, Object> legend = new LinkedHashMap<>();
        hazards(plan).forEach(h -> legend.put(h.name(), h.description()));
        body.put("hazards", legend);
        body.put(
                "unsupported",
                plan.unsupported().stream()
                        .map(o -> {
                            Map<String, Object> object = new LinkedHashMap<>();
                            object.put("kind", o.kind());
                            object.put("name", o.name());
                            return object;
                        })
                        .toList());
        return body;
    }

    private static Map<String, Object> json(PlanStep step) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sql", step.sql());
        json.put("object", step.object());
        json.put("phase", step.phase());
        json.put("transactional", step.transactional());
        json.put("hazards", sorted(step.hazards()).stream().map(Enum::name).toList());
        return json;
    }

    /** A summary line: how many statements in how many migrations, and how many objects not handled. */
    static String summary(SchemaPlan plan) {
        int statements = plan.steps().size();
        int migrations = groups(plan).size();
        String text = statements + (statements == 1 ? " statement" : " statements") + " in " + migrations
                + (migrations == 1 ? " migration" : " migrations");
        if (!plan.unsupported().isEmpty()) {
            text += ", and " + plan.unsupported().size() + (plan.unsupported().size() == 1 ? " object" : " objects")
                    + " to change by hand";
        }
        return text;
    }

    private static String describe(Group group) {
        String phase = group.phase() == MigrationPhase.CONTRACT
                ? "contract (breaks old code: once no old instance runs)"
                : "expand";
        return phase + (group.transactional() ? ", in one transaction" : ", outside a transaction, alone");
    }

    private static Set<Hazard> hazards(SchemaPlan plan) {
        Set<Hazard> used = EnumSet.noneOf(Hazard.class);
        plan.steps().forEach(step -> used.addAll(step.hazards()));
        return used;
    }

    private static Set<Hazard> sorted(Set<Hazard> hazards) {
        return hazards.isEmpty() ? Set.of() : EnumSet.copyOf(hazards);
    }

    private static String names(Set<Hazard> hazards) {
        return String.join(", ", sorted(hazards).stream().map(PlanView::name).toList());
    }

    /** A hazard's name for text: {@code rewrites-table}. */
    static String name(Hazard hazard) {
        return hazard.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String indent(String text, String pad) {
        return text.strip().replace("\n", "\n" + pad);
    }
}
