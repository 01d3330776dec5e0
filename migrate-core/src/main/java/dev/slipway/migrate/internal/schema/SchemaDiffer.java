package dev.slipway.migrate.internal.schema;

import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.SchemaPlan;
import dev.slipway.migrate.schema.UnsupportedObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Computes the {@link SchemaPlan} that turns one {@link DatabaseSchema} into another: the ordered statements, in
 * the safe forms, each with its hazards and its phase.
 *
 * <p>Order (see {@link PlanBuilder.Section}):
 *
 * <ol>
 *   <li>what must go before a change: triggers, views (dependents first) and routines that are recreated, foreign
 *       keys and then other constraints and indexes whose definition changed;
 *   <li>creates in dependency order: schemas, extensions, enum types (and labels added), sequences, routines that
 *       tables use, tables (a partitioned table before its partitions, each with its inline keys and checks and its
 *       indexes), column changes, keys, checks, foreign keys (after the keys they reference), indexes, partitions
 *       attached, other routines, views (dependencies first), triggers;
 *   <li>alters: sequence options and {@code OWNED BY} (after the owning table exists), row level security,
 *       {@code UNLOGGED}, then comments;
 *   <li>drops, dependents first: triggers, views, foreign keys, constraints, indexes, columns, tables (partitions and
 *       referencing tables first), routines, sequences, types, extensions, schemas.
 * </ol>
 *
 * <p>Phase of a step ({@link dev.slipway.migrate.MigrationPhase}): expand when code written for the old schema keeps
 * working once it has run, contract when it breaks such code and must wait until no old instance is left:
 *
 * <ol>
 *   <li>creating anything, adding a column (nullable, or with a default, identity or generation), adding labels to
 *       an enum, replacing a view or a routine body, adding a constraint or index, dropping a constraint, an index, a
 *       default of a nullable column or a {@code NOT NULL}: expand;
 *   <li>dropping a table, column, view, routine, sequence, enum type, extension or schema: contract;
 *   <li>removing or reordering enum labels (the type is recreated, a row holding a removed label fails): contract;
 *   <li>{@code NOT NULL} on a column without a default (old code may leave it out), and the {@code NOT NULL} part
 *       of a column added {@code NOT NULL} without a default: contract; with a default: expand;
 *   <li>a type change that widens (see {@link Ddl}: old code writes nothing the new type refuses): expand; any other
 *       type change: contract;
 *   <li>dropping the default of a {@code NOT NULL} column, {@code SET GENERATED ALWAYS}, enabling row level
 *       security, detaching a partition: contract;
 *   <li>a view, routine or trigger dropped only to be created again around a change takes the phase of that
 *       change.
 * </ol>
 *
 * <p>Objects of kinds the model does not hold ({@link DatabaseSchema#unsupported()}) that exist on one side only are
 * listed in {@link SchemaPlan#unsupported()}, never planned and never silently left out. Statements carry no
 * trailing semicolon; every name is quoted through {@link dev.slipway.migrate.schema.Identifiers}.
 */
public final class SchemaDiffer {

    private SchemaDiffer() {}

    /**
     * The plan from one schema to another; empty when they are the same.
     *
     * @param from the schema as it is
     * @param to the schema as it should be
     */
    public static SchemaPlan plan(DatabaseSchema from, DatabaseSchema to) {
        Objects.requireNonNull(from, "'from' must not be null");
        Objects.requireNonNull(to, "'to' must not be null");
        Diff diff = new Diff(from, to);
        TypePlanner.plan(diff);
        TablePlanner.plan(diff);
        RoutinePlanner.plan(diff);
        TablePlanner.planTriggers(diff);
        ViewPlanner.plan(diff);
        return new SchemaPlan(diff.plan.steps(), unsupported(from, to));
    }

    private static List<UnsupportedObject> unsupported(DatabaseSchema from, DatabaseSchema to) {
        Set<UnsupportedObject> before = new HashSet<>(from.unsupported());
        Set<UnsupportedObject> after = new HashSet<>(to.unsupported());
        List<UnsupportedObject> differ = new ArrayList<>();
        from.unsupported().stream().filter(o -> !after.contains(o)).forEach(differ::add);
        to.unsupported().stream().filter(o -> !before.contains(o)).forEach(differ::add);
        return differ;
    }
}
