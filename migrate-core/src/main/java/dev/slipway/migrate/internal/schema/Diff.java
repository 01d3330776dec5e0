package dev.slipway.migrate.internal.schema;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.schema.ColumnRef;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.ObjectRef;
import dev.slipway.migrate.schema.QualifiedName;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The state of one {@link SchemaDiffer#plan} run that the planners share: the two schemas, the steps so far, and
 * what one planner changes that another must work around (columns whose type changes, so views using them are
 * dropped and recreated; types and routines that are recreated).
 */
final class Diff {

    final DatabaseSchema from;
    final DatabaseSchema to;
    final PlanBuilder plan = new PlanBuilder();

    /** Columns whose type changes or that are dropped, with the phase of that change. */
    final Map<ColumnRef, MigrationPhase> changedColumns = new HashMap<>();

    /** Enum types that are recreated (renamed away, created anew, dropped), with the phase of that change. */
    final Map<QualifiedName, MigrationPhase> recreatedTypes = new HashMap<>();

    /** Routines (name and identity arguments) dropped and created again. */
    final Set<ObjectRef> recreatedRoutines = new HashSet<>();

    /** Columns, constraints and indexes dropped and created again: their comments go with them. */
    final Set<ObjectRef> recreatedMembers = new HashSet<>();

    /** Tables dropped (also those dropped to be created anew). */
    final Set<QualifiedName> droppedTables = new HashSet<>();

    Diff(DatabaseSchema from, DatabaseSchema to) {
        this.from = from;
        this.to = to;
    }

    static <T, K> Map<K, T> byKey(List<T> objects, Function<T, K> key) {
        return objects.stream().collect(Collectors.toMap(key, o -> o, (a, b) -> a, LinkedHashMap::new));
    }

    static MigrationPhase later(MigrationPhase a, MigrationPhase b) {
        return a == MigrationPhase.CONTRACT || b == MigrationPhase.CONTRACT
                ? MigrationPhase.CONTRACT
                : MigrationPhase.EXPAND;
    }
}
