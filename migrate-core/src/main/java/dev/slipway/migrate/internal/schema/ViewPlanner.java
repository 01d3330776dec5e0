package dev.slipway.migrate.internal.schema;

import static dev.slipway.migrate.MigrationPhase.CONTRACT;
import static dev.slipway.migrate.MigrationPhase.EXPAND;
import static dev.slipway.migrate.schema.Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK;
import static dev.slipway.migrate.schema.Hazard.BREAKS_OLD_CODE;
import static dev.slipway.migrate.schema.Hazard.SCANS_TABLE;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.internal.schema.PlanBuilder.Section;
import dev.slipway.migrate.schema.ColumnRef;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.Dependency;
import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.Identifiers;
import dev.slipway.migrate.schema.Index;
import dev.slipway.migrate.schema.ObjectRef;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans views and materialized views.
 *
 * <ol>
 *   <li>A view whose query changed while its old columns stay first, in order, and its options stay, is replaced
 *       ({@code CREATE OR REPLACE VIEW}); any other change, and every change of a materialized view, is a drop and a
 *       create.
 *   <li>A view that uses a column whose type changes or that is dropped, an enum type that is recreated, a routine
 *       that is recreated, a table that is dropped, or a view that is dropped, is dropped before those changes (in
 *       the phase of the earliest of them) and created again after them: in the contract phase when its new query
 *       uses a column changed or created in that phase, else in the phase it was dropped in.
 *   <li>Drops run dependents first, creates dependencies first, by the views' dependencies on each other.
 *   <li>A view dropped for good is a contract step; views and replacements are expand steps.
 * </ol>
 */
final class ViewPlanner {

    private ViewPlanner() {}

    static void plan(Diff diff) {
        Map<QualifiedName, View> from = Diff.byKey(diff.from.views(), View::name);
        Map<QualifiedName, View> to = Diff.byKey(diff.to.views(), View::name);
        Map<QualifiedName, Set<ObjectRef>> usesBefore = uses(diff.from);
        Map<QualifiedName, Set<ObjectRef>> usesAfter = uses(diff.to);

        // Views on the old side that must go before the changes (phase of the change that forces it).
        Map<QualifiedName, MigrationPhase> forced = new LinkedHashMap<>();
        for (View old : from.values()) {
            View view = to.get(old.name());
            if (view == null) {
                continue;
            }
            if (!sameDefinition(old, view) && !replaceable(old, view)) {
                forced.put(old.name(), EXPAND);
            }
            for (ObjectRef used : usesBefore.getOrDefault(old.name(), Set.of())) {
                MigrationPhase phase = forcedBy(diff, used);
                if (phase != null) {
                    // Dropped before the earliest change that needs it gone.
                    forced.merge(old.name(), phase, Diff::earlier);
                }
            }
        }
        for (View old : from.values()) {
            if (!to.containsKey(old.name())) {
                for (ObjectRef used : usesBefore.getOrDefault(old.name(), Set.of())) {
                    MigrationPhase phase = forcedBy(diff, used);
                    if (phase != null) {
                        forced.merge(old.name(), phase, Diff::earlier);
                    }
                }
            }
        }
        // Dependents of a view that goes (for good or to come back) go too.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View old : from.values()) {
                for (ObjectRef used : usesBefore.getOrDefault(old.name(), Set.of())) {
                    QualifiedName usedView = used.name();
                    boolean usedGoes =
                            from.containsKey(usedView) && (forced.containsKey(usedView) || !to.containsKey(usedView));
                    if (usedGoes && !forced.containsKey(old.name())) {
                        forced.put(old.name(), forced.getOrDefault(usedView, CONTRACT));
                        grew = true;
                    }
                }
            }
        }

        List<View> preDrops = new ArrayList<>();
        List<View> drops = new ArrayList<>();
        for (View old : from.values()) {
            if (forced.containsKey(old.name())) {
                preDrops.add(old);
            } else if (!to.containsKey(old.name())) {
                drops.add(old);
            }
        }
        for (View old : DependencyOrder.dependentsFirst(preDrops, v -> views(v, usesBefore, from))) {
            boolean gone = !to.containsKey(old.name());
            diff.plan.add(
                    Section.PRE_DROP_VIEWS,
                    drop(old),
                    gone
                            ? Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, BREAKS_OLD_CODE)
                            : Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                    forced.get(old.name()),
                    object(old));
        }
        for (View old : DependencyOrder.dependentsFirst(drops, v -> views(v, usesBefore, from))) {
            diff.plan.add(
                    Section.DROP_VIEWS,
                    drop(old),
                    Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, BREAKS_OLD_CODE),
                    CONTRACT,
                    object(old));
        }

        List<View> creates = new ArrayList<>();
        for (View view : to.values()) {
            View old = from.get(view.name());
            if (old == null || forced.containsKey(view.name()) || !sameDefinition(old, view)) {
                creates.add(view);
            }
        }
        Set<QualifiedName> contractViews = new java.util.HashSet<>();
        Map<QualifiedName, MigrationPhase> recreatedViews = new HashMap<>();
        for (View view : DependencyOrder.dependenciesFirst(creates, v -> views(v, usesAfter, to))) {
            View old = from.get(view.name());
            boolean recreated = old == null || forced.containsKey(view.name());
            MigrationPhase phase = old == null ? EXPAND : forced.getOrDefault(view.name(), EXPAND);
            // A view that uses what the contract phase creates is created in that phase too.
            for (ObjectRef used : usesAfter.getOrDefault(view.name(), Set.of())) {
                boolean contractColumn = used.member() != null
                        && diff.contractColumns.contains(new ColumnRef(used.name(), used.member()));
                boolean contractType =
                        used.kind() == ObjectRef.Kind.TYPE && diff.recreatedTypes.get(used.name()) == CONTRACT;
                boolean contractView = contractViews.contains(used.name());
                boolean changedInContract = used.member() != null
                        && diff.changedColumns.get(new ColumnRef(used.name(), used.member())) == CONTRACT;
                if (recreated && (contractColumn || contractType || contractView || changedInContract)) {
                    phase = CONTRACT;
                }
            }
            if (phase == CONTRACT) {
                contractViews.add(view.name());
            }
            if (recreated) {
                create(diff, view, phase);
            } else {
                diff.plan.add(
                        Section.VIEWS,
                        "CREATE OR REPLACE VIEW " + view.name().toSql() + options(view) + " AS\n"
                                + Ddl.statement(view.definition()),
                        Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                        EXPAND,
                        object(view));
            }
            if (recreated) {
                recreatedViews.put(view.name(), phase);
                TablePlanner.indexComments(diff, view.name(), List.of(), view.indexes());
            }
        }
        for (View view : to.values()) {
            View old = recreatedViews.containsKey(view.name()) ? null : from.get(view.name());
            comments(diff, view, old, recreatedViews.getOrDefault(view.name(), EXPAND));
        }
        for (View view : to.values()) {
            View old = from.get(view.name());
            if (old != null && !forced.containsKey(view.name()) && view.materialized()) {
                TablePlanner.indexes(diff, view.name(), false, old.indexes(), view.indexes());
                TablePlanner.indexComments(diff, view.name(), old.indexes(), view.indexes());
            }
        }
    }

    /**
     * The comments of a view and of its columns that differ from those of {@code old} (null: created anew), in the
     * phase the view is created in.
     */
    private static void comments(Diff diff, View view, View old, MigrationPhase phase) {
        if (!Objects.equals(old == null ? null : old.comment(), view.comment())) {
            diff.plan.add(
                    Section.COMMENTS,
                    Ddl.comment(kind(view) + " " + view.name().toSql(), view.comment()),
                    Set.of(),
                    phase,
                    object(view));
        }
        Map<String, String> before = old == null ? Map.of() : old.columnComments();
        Set<String> columns = new java.util.TreeSet<>(before.keySet());
        columns.addAll(view.columnComments().keySet());
        for (String column : columns) {
            String comment = view.columnComments().get(column);
            if (!Objects.equals(before.get(column), comment)) {
                diff.plan.add(
                        Section.COMMENTS,
                        Ddl.comment("COLUMN " + view.name().toSql() + "." + Identifiers.quote(column), comment),
                        Set.of(),
                        phase,
                        TablePlanner.columnObject(view.name(), column));
            }
        }
    }

    private static void create(Diff diff, View view, MigrationPhase phase) {
        Set<Hazard> hazards = view.materialized() ? Set.of(SCANS_TABLE) : Set.of();
        diff.plan.add(
                Section.VIEWS,
                "CREATE " + kind(view) + " " + view.name().toSql() + options(view) + " AS\n"
                        + Ddl.statement(view.definition()),
                hazards,
                phase,
                object(view));
        for (Index index : view.indexes()) {
            diff.plan.add(
                    Section.VIEWS,
                    Ddl.statement(index.definition()),
                    Set.of(),
                    phase,
                    TablePlanner.indexObject(view.name(), index));
        }
    }

    /** Whether a use of an object forces its user to be dropped and recreated, and in which phase. */
    private static MigrationPhase forcedBy(Diff diff, ObjectRef used) {
        if (used.kind() == ObjectRef.Kind.COLUMN || (used.kind() == ObjectRef.Kind.TABLE && used.member() != null)) {
            MigrationPhase phase = diff.changedColumns.get(new ColumnRef(used.name(), used.member()));
            if (phase != null) {
                return phase;
            }
        }
        if (used.kind() == ObjectRef.Kind.TABLE || used.kind() == ObjectRef.Kind.COLUMN) {
            if (diff.droppedTables.contains(used.name())) {
                return CONTRACT;
            }
        }
        if (used.kind() == ObjectRef.Kind.TYPE) {
            return diff.recreatedTypes.get(used.name());
        }
        if (used.kind() == ObjectRef.Kind.ROUTINE && diff.recreatedRoutines.contains(used)) {
            return EXPAND;
        }
        return null;
    }

    /** For each view, the objects it uses. */
    private static Map<QualifiedName, Set<ObjectRef>> uses(DatabaseSchema schema) {
        Map<QualifiedName, Set<ObjectRef>> uses = new HashMap<>();
        Set<QualifiedName> names = new java.util.HashSet<>();
        schema.views().forEach(v -> names.add(v.name()));
        for (Dependency dependency : schema.dependencies()) {
            if (names.contains(dependency.dependent().name())
                    && !dependency
                            .referenced()
                            .name()
                            .equals(dependency.dependent().name())) {
                uses.computeIfAbsent(dependency.dependent().name(), n -> new java.util.HashSet<>())
                        .add(dependency.referenced());
            }
        }
        return uses;
    }

    private static List<View> views(View view, Map<QualifiedName, Set<ObjectRef>> uses, Map<QualifiedName, View> all) {
        List<View> used = new ArrayList<>();
        for (ObjectRef ref : uses.getOrDefault(view.name(), Set.of())) {
            View other = all.get(ref.name());
            if (other != null && !used.contains(other)) {
                used.add(other);
            }
        }
        return used;
    }

    private static boolean sameDefinition(View old, View view) {
        return old.materialized() == view.materialized()
                && old.definition().equals(view.definition())
                && old.options().equals(view.options())
                && old.columns().equals(view.columns());
    }

    private static boolean replaceable(View old, View view) {
        return !old.materialized()
                && !view.materialized()
                && old.options().equals(view.options())
                && view.columns().size() >= old.columns().size()
                && view.columns().subList(0, old.columns().size()).equals(old.columns());
    }

    private static String options(View view) {
        return view.options().isEmpty() ? "" : " WITH (" + String.join(", ", view.options()) + ")";
    }

    private static String kind(View view) {
        return view.materialized() ? "MATERIALIZED VIEW" : "VIEW";
    }

    private static String drop(View view) {
        return "DROP " + kind(view) + " " + view.name().toSql();
    }

    private static String object(View view) {
        return new ObjectRef(
                        view.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW, view.name(), null)
                .toString();
    }
}
