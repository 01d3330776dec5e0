package dev.slipway.migrate.internal.schema;

import static dev.slipway.migrate.MigrationPhase.CONTRACT;
import static dev.slipway.migrate.MigrationPhase.EXPAND;
import static dev.slipway.migrate.schema.Hazard.BREAKS_OLD_CODE;
import static dev.slipway.migrate.schema.Hazard.UNTRACKED_DEPENDENCIES;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.internal.schema.PlanBuilder.Section;
import dev.slipway.migrate.schema.Dependency;
import dev.slipway.migrate.schema.ObjectRef;
import dev.slipway.migrate.schema.Routine;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans functions and procedures, identified by name and identity arguments (a changed signature is a drop and a
 * create). A changed body is {@code CREATE OR REPLACE} from the new definition; a changed result type or kind, or a
 * type it uses being recreated, is a drop and a create. Routines a table uses (in a default, a check, an index) are
 * created before tables, the others after tables and before views. Every step carries
 * {@link dev.slipway.migrate.schema.Hazard#UNTRACKED_DEPENDENCIES}: PostgreSQL does not track what a body uses.
 */
final class RoutinePlanner {

    private static final Set<ObjectRef.Kind> TABLE_PARTS = EnumSet.of(
            ObjectRef.Kind.TABLE,
            ObjectRef.Kind.COLUMN,
            ObjectRef.Kind.CONSTRAINT,
            ObjectRef.Kind.INDEX,
            ObjectRef.Kind.SEQUENCE,
            ObjectRef.Kind.TYPE);

    private RoutinePlanner() {}

    static ObjectRef key(Routine routine) {
        return new ObjectRef(ObjectRef.Kind.ROUTINE, routine.name(), routine.identityArguments());
    }

    static void plan(Diff diff) {
        Map<ObjectRef, Routine> from = Diff.byKey(diff.from.routines(), RoutinePlanner::key);
        Map<ObjectRef, Routine> to = Diff.byKey(diff.to.routines(), RoutinePlanner::key);
        for (Routine routine : to.values()) {
            ObjectRef key = key(routine);
            Routine old = from.get(key);
            String object = key.toString();
            MigrationPhase recreatePhase = old == null ? null : recreatePhase(diff, old, routine);
            if (recreatePhase != null) {
                diff.recreatedRoutines.add(key);
                diff.plan.add(
                        Section.PRE_DROP_ROUTINES, drop(old), Set.of(UNTRACKED_DEPENDENCIES), recreatePhase, object);
            }
            Section section = usedByTables(diff, key) ? Section.EARLY_ROUTINES : Section.ROUTINES;
            if (old == null || recreatePhase != null) {
                diff.plan.add(
                        section,
                        Ddl.statement(routine.definition()),
                        Set.of(UNTRACKED_DEPENDENCIES),
                        recreatePhase == null ? EXPAND : recreatePhase,
                        object);
            } else if (!old.definition().equals(routine.definition())) {
                diff.plan.add(
                        section, Ddl.statement(routine.definition()), Set.of(UNTRACKED_DEPENDENCIES), EXPAND, object);
            }
            String oldComment = old == null || recreatePhase != null ? null : old.comment();
            if (!Objects.equals(oldComment, routine.comment())) {
                diff.plan.add(
                        Section.COMMENTS,
                        Ddl.comment(kind(routine) + " " + routine.signature(), routine.comment()),
                        Set.of(),
                        EXPAND,
                        object);
            }
        }
        for (Routine routine : from.values()) {
            if (!to.containsKey(key(routine))) {
                diff.plan.add(
                        Section.DROP_ROUTINES,
                        drop(routine),
                        Set.of(BREAKS_OLD_CODE, UNTRACKED_DEPENDENCIES),
                        CONTRACT,
                        key(routine).toString());
            }
        }
    }

    /** Why a routine on both sides is dropped and created again (its phase), or null when it is not. */
    private static MigrationPhase recreatePhase(Diff diff, Routine old, Routine routine) {
        if (old.procedure() != routine.procedure() || !Objects.equals(returns(old), returns(routine))) {
            return EXPAND;
        }
        MigrationPhase phase = null;
        for (Dependency dependency : diff.from.dependencies()) {
            if (dependency.dependent().equals(key(old))
                    && dependency.referenced().kind() == ObjectRef.Kind.TYPE
                    && diff.recreatedTypes.containsKey(dependency.referenced().name())) {
                phase = Diff.later(
                        phase == null ? EXPAND : phase,
                        diff.recreatedTypes.get(dependency.referenced().name()));
            }
        }
        return phase;
    }

    private static boolean usedByTables(Diff diff, ObjectRef key) {
        return diff.to.dependencies().stream()
                .anyMatch(d -> d.referenced().equals(key)
                        && TABLE_PARTS.contains(d.dependent().kind()));
    }

    /** The {@code RETURNS ...} line of a {@code pg_get_functiondef} text, or null (a procedure has none). */
    static String returns(Routine routine) {
        for (String line : routine.definition().split("\n")) {
            if (line.startsWith(" RETURNS ")) {
                return line.strip();
            }
        }
        return null;
    }

    private static String kind(Routine routine) {
        return routine.procedure() ? "PROCEDURE" : "FUNCTION";
    }

    private static String drop(Routine routine) {
        return "DROP " + kind(routine) + " " + routine.signature();
    }
}
