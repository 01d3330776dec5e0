package dev.slipway.migrate.internal.schema;

import static dev.slipway.migrate.MigrationPhase.CONTRACT;
import static dev.slipway.migrate.MigrationPhase.EXPAND;
import static dev.slipway.migrate.schema.Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK;
import static dev.slipway.migrate.schema.Hazard.ACQUIRES_SHARE_LOCK;
import static dev.slipway.migrate.schema.Hazard.ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK;
import static dev.slipway.migrate.schema.Hazard.BREAKS_OLD_CODE;
import static dev.slipway.migrate.schema.Hazard.DELETES_DATA;
import static dev.slipway.migrate.schema.Hazard.INDEX_BUILD;
import static dev.slipway.migrate.schema.Hazard.INDEX_DROPPED;
import static dev.slipway.migrate.schema.Hazard.REWRITES_TABLE;
import static dev.slipway.migrate.schema.Hazard.SCANS_TABLE;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.internal.schema.PlanBuilder.Section;
import dev.slipway.migrate.schema.Column;
import dev.slipway.migrate.schema.ColumnRef;
import dev.slipway.migrate.schema.Constraint;
import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.Identifiers;
import dev.slipway.migrate.schema.Index;
import dev.slipway.migrate.schema.ObjectRef;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Table;
import dev.slipway.migrate.schema.Trigger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans tables, partitions, columns, constraints, indexes and triggers. Partitions: their columns, and the
 * constraints, indexes and triggers they inherit from their parent, follow the parent and are not planned on their
 * own.
 */
final class TablePlanner {

    private static final int MAX_IDENTIFIER = 63;

    private TablePlanner() {}

    /** Plans everything of tables but their triggers (which wait for routines: {@link #planTriggers}). */
    static void plan(Diff diff) {
        Map<QualifiedName, Table> from = Diff.byKey(diff.from.tables(), Table::name);
        Map<QualifiedName, Table> to = Diff.byKey(diff.to.tables(), Table::name);
        List<Table> created = new ArrayList<>();
        List<Table> dropped = new ArrayList<>();
        for (Table table : to.values()) {
            Table old = from.get(table.name());
            if (old == null) {
                created.add(table);
            } else if (!Objects.equals(old.partitionKey(), table.partitionKey())) {
                dropped.add(old);
                created.add(table);
            }
        }
        for (Table table : from.values()) {
            if (!to.containsKey(table.name())) {
                dropped.add(table);
            }
        }
        dropped.forEach(t -> diff.droppedTables.add(t.name()));
        Set<String> recreatedKeys = recreatedKeyConstraints(diff, from, to);
        for (Table table : DependencyOrder.dependenciesFirst(created, t -> parents(t, to))) {
            // A table created anew after its drop (a contract step) comes with it.
            // So does one with a column of an enum type recreated in the contract phase.
            boolean contract = from.containsKey(table.name())
                    || table.columns().stream().anyMatch(c -> usesRecreatedType(diff, c));
            if (contract) {
                table.columns().forEach(c -> diff.contractColumns.add(new ColumnRef(table.name(), c.name())));
            }
            create(diff, table, contract ? CONTRACT : EXPAND);
        }
        for (Table table : to.values()) {
            Table old = from.get(table.name());
            if (old != null && !diff.droppedTables.contains(table.name())) {
                alter(diff, old, table, recreatedKeys);
            }
        }
        for (Table table : DependencyOrder.dependentsFirst(dropped, t -> referenced(t, from))) {
            diff.plan.add(
                    to.containsKey(table.name()) ? Section.PRE_DROP_TABLES : Section.DROP_TABLES,
                    "DROP TABLE " + table.name().toSql(),
                    Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE),
                    CONTRACT,
                    "table " + table.name());
        }
    }

    /** Plans triggers: after {@link RoutinePlanner} has chosen which routines it recreates. */
    static void planTriggers(Diff diff) {
        Map<QualifiedName, Table> from = Diff.byKey(diff.from.tables(), Table::name);
        for (Table table : diff.to.tables()) {
            Table old = diff.droppedTables.contains(table.name()) ? null : from.get(table.name());
            Map<String, Trigger> oldTriggers = old == null
                    ? Map.of()
                    : Diff.byKey(
                            old.triggers().stream().filter(t -> !t.inherited()).toList(), Trigger::name);
            for (Trigger trigger : table.triggers()) {
                if (trigger.inherited()) {
                    continue;
                }
                Trigger was = oldTriggers.get(trigger.name());
                String object = new ObjectRef(ObjectRef.Kind.TRIGGER, table.name(), trigger.name()).toString();
                String on = Identifiers.quote(trigger.name()) + " ON "
                        + table.name().toSql();
                boolean recreate =
                        was != null && (!was.definition().equals(trigger.definition()) || routineRecreated(diff, was));
                if (recreate) {
                    // Next to its create (one transaction) unless the function it calls is recreated first.
                    diff.plan.add(
                            routineRecreated(diff, was) ? Section.PRE_DROP_TRIGGERS : Section.TRIGGERS,
                            "DROP TRIGGER " + on,
                            Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                            EXPAND,
                            object);
                }
                if (was == null || recreate) {
                    diff.plan.add(
                            Section.TRIGGERS,
                            Ddl.statement(trigger.definition()),
                            old == null ? Set.of() : Set.of(ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK),
                            EXPAND,
                            object);
                }
                char wasEnabled = was == null || recreate ? 'O' : was.enabled();
                if (wasEnabled != trigger.enabled()) {
                    String how = switch (trigger.enabled()) {
                        case 'D' -> " DISABLE TRIGGER ";
                        case 'R' -> " ENABLE REPLICA TRIGGER ";
                        case 'A' -> " ENABLE ALWAYS TRIGGER ";
                        default -> " ENABLE TRIGGER ";
                    };
                    diff.plan.add(
                            Section.TRIGGERS,
                            "ALTER TABLE " + table.name().toSql() + how + Identifiers.quote(trigger.name()),
                            old == null ? Set.of() : Set.of(ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK),
                            EXPAND,
                            object);
                }
                String wasComment = was == null ? null : was.comment();
                if (!Objects.equals(wasComment, trigger.comment())) {
                    diff.plan.add(
                            Section.COMMENTS,
                            Ddl.comment("TRIGGER " + on, trigger.comment()),
                            Set.of(),
                            EXPAND,
                            object);
                }
            }
            for (Trigger trigger : oldTriggers.values()) {
                if (table.triggers().stream()
                        .noneMatch(t -> !t.inherited() && t.name().equals(trigger.name()))) {
                    diff.plan.add(
                            Section.DROP_TRIGGERS,
                            "DROP TRIGGER " + Identifiers.quote(trigger.name()) + " ON "
                                    + table.name().toSql(),
                            Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                            EXPAND,
                            new ObjectRef(ObjectRef.Kind.TRIGGER, table.name(), trigger.name()).toString());
                }
            }
        }
    }

    /** Whether the table exists before the plan and is not dropped by it (a lock on it can block its users). */
    static boolean existsBefore(Diff diff, QualifiedName table) {
        return !diff.droppedTables.contains(table) && diff.from.table(table).isPresent();
    }

    private static boolean routineRecreated(Diff diff, Trigger trigger) {
        return diff.recreatedRoutines.stream().anyMatch(r -> r.name().equals(trigger.function()));
    }

    private static List<Table> parents(Table table, Map<QualifiedName, Table> tables) {
        Table parent = table.partitionOf() == null ? null : tables.get(table.partitionOf());
        return parent == null ? List.of() : List.of(parent);
    }

    /** For dropping: a partition goes before its parent, a referencing table before the one it references. */
    private static List<Table> referenced(Table table, Map<QualifiedName, Table> tables) {
        List<Table> used = new ArrayList<>(parents(table, tables));
        for (Constraint constraint : table.constraints()) {
            if (constraint.references() != null && !constraint.references().equals(table.name())) {
                Table target = tables.get(constraint.references());
                if (target != null) {
                    used.add(target);
                }
            }
        }
        return used;
    }

    // ---------------------------------------------------------------------------------------------- create

    private static void create(Diff diff, Table table, MigrationPhase phase) {
        String name = table.name().toSql();
        String object = "table " + table.name();
        StringBuilder sql = new StringBuilder("CREATE ");
        if (table.unlogged()) {
            sql.append("UNLOGGED ");
        }
        sql.append("TABLE ").append(name);
        List<Constraint> later = new ArrayList<>();
        if (table.partitionOf() != null) {
            sql.append(" PARTITION OF ")
                    .append(table.partitionOf().toSql())
                    .append(' ')
                    .append(table.partitionBound());
            own(table.constraints()).forEach(later::add);
        } else {
            List<String> elements = new ArrayList<>();
            for (Column column : table.columns()) {
                elements.add(Ddl.columnSpec(column, true));
            }
            for (Constraint constraint : own(table.constraints())) {
                if (constraint.kind() == Constraint.Kind.FOREIGN_KEY || !constraint.validated()) {
                    later.add(constraint);
                } else {
                    elements.add("CONSTRAINT " + Identifiers.quote(constraint.name()) + " " + constraint.definition());
                }
            }
            sql.append(" (\n    ").append(String.join(",\n    ", elements)).append("\n)");
        }
        if (table.partitionKey() != null) {
            sql.append(" PARTITION BY ").append(table.partitionKey());
        }
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        if (table.partitionOf() != null
                && !diff.droppedTables.contains(table.partitionOf())
                && diff.from.table(table.partitionOf()).isPresent()) {
            // A partition of a table that exists locks it; with a default partition, that one is scanned for rows
            // the new partition would hold.
            hazards.add(ACQUIRES_ACCESS_EXCLUSIVE_LOCK);
            boolean hasDefault = diff.from.tables().stream()
                    .anyMatch(t -> table.partitionOf().equals(t.partitionOf()) && "DEFAULT".equals(t.partitionBound()));
            if (hasDefault) {
                hazards.add(SCANS_TABLE);
            }
        }
        diff.plan.add(Section.TABLES, sql.toString(), hazards, phase, object);
        for (Constraint constraint : later) {
            boolean foreign = constraint.kind() == Constraint.Kind.FOREIGN_KEY;
            Section section = foreign ? Section.FOREIGN_KEYS : Section.TABLES;
            // The new table is locked with nothing using it yet; a foreign key also locks the table it references.
            boolean locksExisting =
                    foreign && constraint.references() != null && existsBefore(diff, constraint.references());
            diff.plan.add(
                    section,
                    "ALTER TABLE " + name + " ADD CONSTRAINT " + Identifiers.quote(constraint.name()) + " "
                            + constraint.definition(),
                    locksExisting ? Set.of(ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK) : Set.of(),
                    phase,
                    constraintObject(table, constraint));
        }
        for (Index index : plainIndexes(table)) {
            diff.plan.add(
                    Section.TABLES,
                    Ddl.statement(Ddl.recursive(index.definition())),
                    Set.of(),
                    phase,
                    indexObject(table.name(), index));
        }
        if (table.rowLevelSecurity()) {
            diff.plan.add(
                    Section.ALTERS, "ALTER TABLE " + name + " ENABLE ROW LEVEL SECURITY", Set.of(), phase, object);
        }
        comments(diff, table, null);
    }

    private static void comments(Diff diff, Table table, Table old) {
        String name = table.name().toSql();
        if (!Objects.equals(old == null ? null : old.comment(), table.comment())) {
            diff.plan.add(
                    Section.COMMENTS,
                    Ddl.comment("TABLE " + name, table.comment()),
                    Set.of(),
                    EXPAND,
                    "table " + table.name());
        }
        if (table.partitionOf() == null) {
            for (Column column : table.columns()) {
                Column was = old == null
                                || diff.recreatedMembers.contains(
                                        new ObjectRef(ObjectRef.Kind.COLUMN, table.name(), column.name()))
                        ? null
                        : old.column(column.name()).orElse(null);
                if (!Objects.equals(was == null ? null : was.comment(), column.comment())) {
                    diff.plan.add(
                            Section.COMMENTS,
                            Ddl.comment("COLUMN " + name + "." + Identifiers.quote(column.name()), column.comment()),
                            Set.of(),
                            EXPAND,
                            columnObject(table.name(), column.name()));
                }
            }
        }
        Map<String, Constraint> oldConstraints =
                old == null ? Map.of() : Diff.byKey(own(old.constraints()), Constraint::name);
        for (Constraint constraint : own(table.constraints())) {
            Constraint was = diff.recreatedMembers.contains(
                            new ObjectRef(ObjectRef.Kind.CONSTRAINT, table.name(), constraint.name()))
                    ? null
                    : oldConstraints.get(constraint.name());
            if (!Objects.equals(was == null ? null : was.comment(), constraint.comment())) {
                diff.plan.add(
                        Section.COMMENTS,
                        Ddl.comment(
                                "CONSTRAINT " + Identifiers.quote(constraint.name()) + " ON " + name,
                                constraint.comment()),
                        Set.of(),
                        EXPAND,
                        constraintObject(table, constraint));
            }
        }
        indexComments(diff, table.name(), old == null ? List.of() : old.indexes(), table.indexes());
    }

    static void indexComments(Diff diff, QualifiedName owner, List<Index> oldIndexes, List<Index> indexes) {
        Map<String, Index> old = Diff.byKey(oldIndexes, Index::name);
        for (Index index : indexes) {
            if (index.parentIndex() != null) {
                continue;
            }
            Index was = diff.recreatedMembers.contains(new ObjectRef(ObjectRef.Kind.INDEX, owner, index.name()))
                    ? null
                    : old.get(index.name());
            if (!Objects.equals(was == null ? null : was.comment(), index.comment())) {
                diff.plan.add(
                        Section.COMMENTS,
                        Ddl.comment("INDEX " + Ddl.inSchemaOf(owner, index.name()), index.comment()),
                        Set.of(),
                        EXPAND,
                        indexObject(owner, index));
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- alter

    private static void alter(Diff diff, Table old, Table table, Set<String> recreatedKeys) {
        String name = table.name().toSql();
        String object = "table " + table.name();
        boolean boundChanged = !Objects.equals(old.partitionOf(), table.partitionOf())
                || !Objects.equals(old.partitionBound(), table.partitionBound());
        if (old.partitionOf() != null && boundChanged) {
            diff.plan.add(
                    Section.TABLE_ALTERS,
                    "ALTER TABLE " + old.partitionOf().toSql() + " DETACH PARTITION " + name,
                    Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, BREAKS_OLD_CODE),
                    CONTRACT,
                    object);
        }
        Set<String> rebuilt = table.partitionOf() == null ? rebuiltGeneratedColumns(diff, old, table) : Set.of();
        if (table.partitionOf() == null) {
            columns(diff, old, table, rebuilt);
        }
        Set<String> gone = goneWithColumns(diff, table.name(), rebuilt);
        Set<String> retyped = retypedColumns(old, table);
        constraints(diff, withoutGone(old, gone), table, recreatedKeys, retyped);
        Set<String> becomeChildren = table.indexes().stream()
                .filter(i -> i.parentIndex() != null)
                .map(Index::name)
                .collect(Collectors.toSet());
        List<Index> oldPlain = plainIndexes(withoutGone(old, gone)).stream()
                .filter(i -> !becomeChildren.contains(i.name()))
                .toList();
        indexes(diff, table.name(), table.partitioned(), oldPlain, plainIndexes(table), retyped);
        if (table.partitionOf() != null && boundChanged) {
            diff.plan.add(
                    Section.ATTACH,
                    "ALTER TABLE " + table.partitionOf().toSql() + " ATTACH PARTITION " + name + " "
                            + table.partitionBound(),
                    Set.of(SCANS_TABLE),
                    EXPAND,
                    object);
        }
        if (old.unlogged() != table.unlogged()) {
            diff.plan.add(
                    Section.ALTERS,
                    "ALTER TABLE " + name + (table.unlogged() ? " SET UNLOGGED" : " SET LOGGED"),
                    Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE),
                    EXPAND,
                    object);
        }
        if (old.rowLevelSecurity() != table.rowLevelSecurity()) {
            diff.plan.add(
                    Section.ALTERS,
                    "ALTER TABLE " + name
                            + (table.rowLevelSecurity() ? " ENABLE ROW LEVEL SECURITY" : " DISABLE ROW LEVEL SECURITY"),
                    Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                    table.rowLevelSecurity() ? CONTRACT : EXPAND,
                    object);
        }
        comments(diff, table, old);
    }

    /**
     * Generated columns dropped and added anew: those whose expression changes (PostgreSQL cannot change it in
     * place) and those computed from a column whose type changes (PostgreSQL refuses that type change while they
     * exist).
     */
    private static Set<String> rebuiltGeneratedColumns(Diff diff, Table old, Table table) {
        Set<String> typeChanged = new HashSet<>();
        for (Column column : table.columns()) {
            Column was = old.column(column.name()).orElse(null);
            if (was != null
                    && (!was.type().equals(column.type()) || !Objects.equals(was.collation(), column.collation()))) {
                typeChanged.add(column.name());
            }
        }
        Set<String> rebuilt = new HashSet<>();
        for (Column column : table.columns()) {
            Column was = old.column(column.name()).orElse(null);
            if (was != null
                    && was.generatedExpression() != null
                    && column.generatedExpression() == null
                    && diff.to.serverVersionNum() < 130000) {
                // No DROP EXPRESSION before PostgreSQL 13: the column is dropped and added plain (values lost).
                rebuilt.add(column.name());
                continue;
            }
            if (was == null || column.generatedExpression() == null) {
                continue;
            }
            boolean expressionChanged = !Objects.equals(was.generatedExpression(), column.generatedExpression());
            ObjectRef self = new ObjectRef(ObjectRef.Kind.COLUMN, table.name(), column.name());
            boolean usesChangedType = was.generatedExpression() != null
                    && diff.from.dependencies().stream()
                            .anyMatch(d -> d.dependent().equals(self)
                                    && d.referenced().kind() == ObjectRef.Kind.COLUMN
                                    && d.referenced().name().equals(table.name())
                                    && typeChanged.contains(d.referenced().member()));
            if (expressionChanged || usesChangedType) {
                rebuilt.add(column.name());
            }
        }
        return rebuilt;
    }

    /** Indexes and constraints that go with a column dropped to be added anew, so they are created again. */
    private static Set<String> goneWithColumns(Diff diff, QualifiedName table, Set<String> columns) {
        Set<String> gone = new HashSet<>();
        for (var dependency : diff.from.dependencies()) {
            ObjectRef used = dependency.referenced();
            ObjectRef user = dependency.dependent();
            if (used.kind() == ObjectRef.Kind.COLUMN
                    && used.name().equals(table)
                    && columns.contains(used.member())
                    && user.name().equals(table)
                    && (user.kind() == ObjectRef.Kind.INDEX || user.kind() == ObjectRef.Kind.CONSTRAINT)) {
                gone.add(user.member());
                diff.recreatedMembers.add(user);
            }
        }
        return gone;
    }

    private static void columns(Diff diff, Table old, Table table, Set<String> rebuilt) {
        String alterTable = "ALTER TABLE " + table.name().toSql();
        for (String name : rebuilt) {
            boolean staysGenerated =
                    table.column(name).map(c -> c.generatedExpression() != null).orElse(false);
            diff.changedColumns.merge(new ColumnRef(table.name(), name), EXPAND, Diff::later);
            diff.recreatedMembers.add(new ObjectRef(ObjectRef.Kind.COLUMN, table.name(), name));
            diff.plan.add(
                    Section.COLUMNS,
                    alterTable + " DROP COLUMN " + Identifiers.quote(name),
                    staysGenerated
                            ? Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK)
                            : Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA),
                    EXPAND,
                    columnObject(table.name(), name));
        }
        for (Column column : table.columns()) {
            Column was = old.column(column.name()).orElse(null);
            if (was != null
                    && was.generatedExpression() != null
                    && column.generatedExpression() == null
                    && !rebuilt.contains(column.name())) {
                // Before type changes, which PostgreSQL refuses on a column a generated column still uses.
                diff.plan.add(
                        Section.COLUMNS,
                        alterTable + " ALTER COLUMN " + Identifiers.quote(column.name()) + " DROP EXPRESSION",
                        Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                        EXPAND,
                        columnObject(table.name(), column.name()));
            }
        }
        for (Column column : table.columns()) {
            Column was = old.column(column.name()).orElse(null);
            String object = columnObject(table.name(), column.name());
            if (rebuilt.contains(column.name())) {
                continue;
            }
            if (was == null) {
                addColumn(diff, table, column);
                continue;
            }
            String alter = alterTable + " ALTER COLUMN " + Identifiers.quote(column.name());
            if (!Objects.equals(was.generatedExpression(), column.generatedExpression())) {
                // Only a generation dropped gets here (a changed one is rebuilt), and it went first.
                was = new Column(
                        was.name(),
                        was.type(),
                        was.collation(),
                        null,
                        was.notNull(),
                        was.identity(),
                        null,
                        was.comment());
            }
            String defaultNow = was.defaultExpression();
            if (was.identity() != null && column.identity() == null) {
                diff.plan.add(
                        Section.COLUMNS,
                        alter + " DROP IDENTITY",
                        Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                        column.notNull() ? CONTRACT : EXPAND,
                        object);
            }
            boolean typeChanged =
                    !was.type().equals(column.type()) || !Objects.equals(was.collation(), column.collation());
            if (typeChanged) {
                if (defaultNow != null) {
                    diff.plan.add(
                            Section.COLUMNS,
                            alter + " DROP DEFAULT",
                            Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                            EXPAND,
                            object);
                    defaultNow = null;
                }
                boolean coercible = Ddl.binaryCoercible(was.type(), column.type());
                MigrationPhase phase = Ddl.widens(was.type(), column.type()) ? EXPAND : CONTRACT;
                Set<Hazard> hazards = EnumSet.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK);
                if (!coercible) {
                    hazards.add(REWRITES_TABLE);
                } else if (!Objects.equals(was.collation(), column.collation())
                        && indexed(diff, table.name(), column.name())) {
                    // A new collation keeps the table's file (checked: same relfilenode) but rebuilds its indexes.
                    hazards.add(INDEX_BUILD);
                }
                boolean toEnum = isEnum(diff.to, column.type());
                if (phase == CONTRACT) {
                    hazards.add(BREAKS_OLD_CODE);
                    if (!toEnum) {
                        // To an enum a value becomes the same label or the statement fails: nothing is lost.
                        hazards.add(DELETES_DATA);
                    }
                }
                // No cast leads from one enum to another: through text, which also reads into any type.
                String via =
                        !isEnum(diff.from, was.type()) ? "::" : was.type().endsWith("[]") ? "::text[]::" : "::text::";
                String sql = alter + " TYPE " + column.type()
                        + (column.collation() == null ? "" : " COLLATE " + column.collation())
                        + (coercible ? "" : " USING " + Identifiers.quote(column.name()) + via + column.type());
                diff.plan.add(Section.COLUMNS, sql, hazards, phase, object);
                diff.changedColumns.merge(new ColumnRef(table.name(), column.name()), phase, Diff::later);
            }
            if (!Objects.equals(defaultNow, column.defaultExpression())) {
                if (column.defaultExpression() == null) {
                    if (column.identity() == null || was.identity() != null) {
                        diff.plan.add(
                                Section.COLUMNS,
                                alter + " DROP DEFAULT",
                                Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                                column.notNull() ? CONTRACT : EXPAND,
                                object);
                    } else {
                        // Becoming an identity column: its default goes first (an identity cannot have one).
                        diff.plan.add(
                                Section.COLUMNS,
                                alter + " DROP DEFAULT",
                                Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                                EXPAND,
                                object);
                    }
                } else {
                    diff.plan.add(
                            Section.COLUMNS,
                            alter + " SET DEFAULT " + column.defaultExpression(),
                            Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                            EXPAND,
                            object);
                }
            }
            if (!was.notNull() && column.notNull()) {
                setNotNull(diff, table, column);
            } else if (was.notNull() && !column.notNull()) {
                diff.plan.add(
                        Section.COLUMNS,
                        alter + " DROP NOT NULL",
                        Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                        EXPAND,
                        object);
            }
            if (column.identity() != null && was.identity() == null) {
                diff.plan.add(
                        Section.COLUMNS,
                        alter + " ADD" + Ddl.identity(column),
                        Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                        EXPAND,
                        object);
            } else if (column.identity() != null && was.identity() != column.identity()) {
                diff.plan.add(
                        Section.COLUMNS,
                        alter
                                + (column.identity() == Column.Identity.ALWAYS
                                        ? " SET GENERATED ALWAYS"
                                        : " SET GENERATED BY DEFAULT"),
                        Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                        column.identity() == Column.Identity.ALWAYS ? CONTRACT : EXPAND,
                        object);
            }
            if (column.identity() != null
                    && was.identity() != null
                    && column.identityOptions() != null
                    && was.identityOptions() != null
                    && !was.identityOptions().equals(column.identityOptions())) {
                diff.plan.add(
                        Section.COLUMNS,
                        alter + identityOptionChanges(was.identityOptions(), column.identityOptions()),
                        Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                        EXPAND,
                        object);
            }
        }
        for (Column column : table.columns()) {
            if (rebuilt.contains(column.name())) {
                addColumn(diff, table, column);
            }
        }
        for (Column column : old.columns()) {
            if (table.column(column.name()).isEmpty()) {
                diff.changedColumns.put(new ColumnRef(table.name(), column.name()), CONTRACT);
                diff.plan.add(
                        Section.DROP_COLUMNS,
                        alterTable + " DROP COLUMN " + Identifiers.quote(column.name()),
                        Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE),
                        CONTRACT,
                        columnObject(table.name(), column.name()));
            }
        }
    }

    /** {@code  SET START WITH ... SET INCREMENT BY ...}: the identity sequence's options that differ. */
    private static String identityOptionChanges(Column.IdentityOptions was, Column.IdentityOptions now) {
        StringBuilder sql = new StringBuilder();
        if (was.start() != now.start()) {
            sql.append(" SET START WITH ").append(now.start());
        }
        if (was.increment() != now.increment()) {
            sql.append(" SET INCREMENT BY ").append(now.increment());
        }
        if (was.minValue() != now.minValue()) {
            sql.append(" SET MINVALUE ").append(now.minValue());
        }
        if (was.maxValue() != now.maxValue()) {
            sql.append(" SET MAXVALUE ").append(now.maxValue());
        }
        if (was.cache() != now.cache()) {
            sql.append(" SET CACHE ").append(now.cache());
        }
        if (was.cycle() != now.cycle()) {
            sql.append(now.cycle() ? " SET CYCLE" : " SET NO CYCLE");
        }
        return sql.toString();
    }

    /**
     * Adds a column at the end. A {@code NOT NULL} column without a default, identity or generation cannot be added
     * to a table with rows: it is added nullable and made {@code NOT NULL} after (contract: rows must be filled
     * first).
     */
    private static void addColumn(Diff diff, Table table, Column column) {
        boolean filled =
                column.defaultExpression() != null || column.identity() != null || column.generatedExpression() != null;
        Set<Hazard> hazards = EnumSet.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK);
        if (column.identity() != null
                || column.generatedExpression() != null
                || Ddl.volatileDefault(column.defaultExpression(), diff.to.routines())) {
            hazards.add(REWRITES_TABLE);
        }
        // A column of an enum type recreated in the contract phase can only be added after that.
        MigrationPhase phase = usesRecreatedType(diff, column) ? CONTRACT : EXPAND;
        if (phase == CONTRACT) {
            diff.contractColumns.add(new ColumnRef(table.name(), column.name()));
        }
        diff.plan.add(
                Section.COLUMNS,
                "ALTER TABLE " + table.name().toSql() + " ADD COLUMN " + Ddl.columnSpec(column, filled),
                hazards,
                phase,
                columnObject(table.name(), column.name()));
        if (column.notNull() && !filled) {
            setNotNull(diff, table, column);
        }
    }

    /**
     * {@code SET NOT NULL} without a long ACCESS EXCLUSIVE lock: a {@code CHECK (c IS NOT NULL) NOT VALID}, its
     * validation (which only blocks schema changes), {@code SET NOT NULL} (which uses the validated check instead of
     * scanning), and the check dropped. On a partitioned table a plain {@code SET NOT NULL} (it scans). Contract
     * when the column has no default: old code that leaves it out fails.
     */
    private static void setNotNull(Diff diff, Table table, Column column) {
        String alterTable = "ALTER TABLE " + table.name().toSql();
        String quoted = Identifiers.quote(column.name());
        String object = columnObject(table.name(), column.name());
        MigrationPhase phase = (column.defaultExpression() == null
                                && column.identity() == null
                                && column.generatedExpression() == null)
                        || usesRecreatedType(diff, column)
                ? CONTRACT
                : EXPAND;
        Set<Hazard> breaking = phase == CONTRACT ? Set.of(BREAKS_OLD_CODE) : Set.of();
        if (table.partitioned()) {
            diff.plan.add(
                    Section.COLUMNS,
                    alterTable + " ALTER COLUMN " + quoted + " SET NOT NULL",
                    union(Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE), breaking),
                    phase,
                    object);
            return;
        }
        String check = Identifiers.quote(notNullCheckName(table.name().name(), column.name()));
        diff.plan.add(
                Section.COLUMNS,
                alterTable + " ADD CONSTRAINT " + check + " CHECK (" + quoted + " IS NOT NULL) NOT VALID",
                union(Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK), breaking),
                phase,
                object);
        diff.plan.add(
                Section.COLUMNS, alterTable + " VALIDATE CONSTRAINT " + check, Set.of(SCANS_TABLE), phase, object);
        diff.plan.add(
                Section.COLUMNS,
                alterTable + " ALTER COLUMN " + quoted + " SET NOT NULL",
                Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                phase,
                object);
        diff.plan.add(
                Section.COLUMNS,
                alterTable + " DROP CONSTRAINT " + check,
                Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                phase,
                object);
    }

    /** {@code <table>_<column>_not_null}, cut to PostgreSQL's 63 bytes. */
    static String notNullCheckName(String table, String column) {
        String name = table + "_" + column + "_not_null";
        while (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_IDENTIFIER) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    // ----------------------------------------------------------------------------------------- constraints

    /**
     * Primary keys and unique constraints that are dropped or recreated, as {@code table.name} keys, together with
     * the foreign keys elsewhere that reference their tables: those cannot stay while the key is dropped, so they
     * are dropped and added again as well.
     */
    private static Set<String> recreatedKeyConstraints(
            Diff diff, Map<QualifiedName, Table> from, Map<QualifiedName, Table> to) {
        Set<QualifiedName> keyTables = new HashSet<>();
        for (Table old : from.values()) {
            Table table = to.get(old.name());
            if (table == null || diff.droppedTables.contains(old.name())) {
                continue;
            }
            Map<String, Constraint> now = Diff.byKey(own(table.constraints()), Constraint::name);
            for (Constraint constraint : own(old.constraints())) {
                boolean key =
                        constraint.kind() == Constraint.Kind.PRIMARY_KEY || constraint.kind() == Constraint.Kind.UNIQUE;
                Constraint target = now.get(constraint.name());
                if (key && (target == null || changed(old, constraint, table, target))) {
                    keyTables.add(old.name());
                }
            }
        }
        Set<String> recreated = new HashSet<>();
        for (Table old : from.values()) {
            for (Constraint constraint : own(old.constraints())) {
                if (constraint.kind() == Constraint.Kind.FOREIGN_KEY && keyTables.contains(constraint.references())) {
                    recreated.add(old.name() + "." + constraint.name());
                }
            }
        }
        return recreated;
    }

    private static boolean changed(Table oldTable, Constraint old, Table table, Constraint constraint) {
        if (old.kind() != constraint.kind()
                || !Ddl.withoutNotValid(old.definition()).equals(Ddl.withoutNotValid(constraint.definition()))
                || (old.validated() && !constraint.validated())) {
            return true;
        }
        String oldIndex =
                constraintIndex(oldTable, old.name()).map(Index::definition).orElse(null);
        String index =
                constraintIndex(table, constraint.name()).map(Index::definition).orElse(null);
        return !Objects.equals(oldIndex, index);
    }

    private static java.util.Optional<Index> constraintIndex(Table table, String constraint) {
        return table.indexes().stream()
                .filter(i -> constraint.equals(i.constraint()))
                .findFirst();
    }

    private static void constraints(Diff diff, Table old, Table table, Set<String> recreatedKeys, Set<String> retyped) {
        Map<String, Constraint> before = Diff.byKey(own(old.constraints()), Constraint::name);
        Map<String, Constraint> after = Diff.byKey(own(table.constraints()), Constraint::name);
        String alterTable = "ALTER TABLE " + table.name().toSql();
        for (Constraint constraint : after.values()) {
            Constraint was = before.get(constraint.name());
            String object = constraintObject(table, constraint);
            if (was != null
                    && !changed(old, was, table, constraint)
                    && !recreatedKeys.contains(table.name() + "." + constraint.name())) {
                if (!was.validated() && constraint.validated()) {
                    diff.plan.add(
                            constraint.kind() == Constraint.Kind.FOREIGN_KEY ? Section.FOREIGN_KEYS : Section.CHECKS,
                            alterTable + " VALIDATE CONSTRAINT " + Identifiers.quote(constraint.name()),
                            Set.of(SCANS_TABLE),
                            EXPAND,
                            object);
                }
                continue;
            }
            if (was != null) {
                diff.recreatedMembers.add(new ObjectRef(ObjectRef.Kind.CONSTRAINT, table.name(), was.name()));
                constraintIndex(old, was.name())
                        .ifPresent(i ->
                                diff.recreatedMembers.add(new ObjectRef(ObjectRef.Kind.INDEX, table.name(), i.name())));
                diff.plan.add(
                        was.kind() == Constraint.Kind.FOREIGN_KEY
                                ? Section.PRE_DROP_FOREIGN_KEYS
                                : Section.PRE_DROP_CONSTRAINTS,
                        alterTable + " DROP CONSTRAINT " + Identifiers.quote(was.name()),
                        dropHazards(was),
                        EXPAND,
                        object);
            }
            addConstraint(diff, table, constraint);
        }
        for (Constraint constraint : before.values()) {
            if (!after.containsKey(constraint.name())) {
                // Before a type change of a column it uses, which could fail on it.
                boolean early =
                        usesAny(diff, new ObjectRef(ObjectRef.Kind.CONSTRAINT, old.name(), constraint.name()), retyped);
                boolean foreign = constraint.kind() == Constraint.Kind.FOREIGN_KEY;
                diff.plan.add(
                        early
                                ? (foreign ? Section.PRE_DROP_FOREIGN_KEYS : Section.PRE_DROP_CONSTRAINTS)
                                : (foreign ? Section.DROP_FOREIGN_KEYS : Section.DROP_CONSTRAINTS),
                        alterTable + " DROP CONSTRAINT " + Identifiers.quote(constraint.name()),
                        dropHazards(constraint),
                        EXPAND,
                        constraintObject(old, constraint));
            }
        }
    }

    /** Dropping a constraint locks its table; a key or exclusion constraint drops its index with it. */
    private static Set<Hazard> dropHazards(Constraint constraint) {
        return constraint.kind() == Constraint.Kind.PRIMARY_KEY
                        || constraint.kind() == Constraint.Kind.UNIQUE
                        || constraint.kind() == Constraint.Kind.EXCLUSION
                ? Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_DROPPED)
                : Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK);
    }

    /**
     * A constraint added to a table that exists: in the safe forms where the table is not partitioned (checks and
     * foreign keys {@code NOT VALID} then validated in a step of their own; primary keys and unique constraints
     * through a unique index built concurrently); plainly, with the hazards, otherwise.
     */
    private static void addConstraint(Diff diff, Table table, Constraint constraint) {
        String alterTable = "ALTER TABLE " + table.name().toSql();
        String quoted = Identifiers.quote(constraint.name());
        String object = constraintObject(table, constraint);
        String definition = Ddl.withoutNotValid(constraint.definition());
        boolean safe = !table.partitioned() && table.partitionOf() == null;
        switch (constraint.kind()) {
            case PRIMARY_KEY, UNIQUE -> {
                Index index = constraintIndex(table, constraint.name()).orElse(null);
                if (safe && index != null) {
                    diff.plan.add(
                            Section.KEYS,
                            Ddl.concurrently(Ddl.statement(index.definition())),
                            Set.of(INDEX_BUILD),
                            false,
                            EXPAND,
                            object);
                    diff.plan.add(
                            Section.KEYS,
                            alterTable + " ADD CONSTRAINT " + quoted
                                    + (constraint.kind() == Constraint.Kind.PRIMARY_KEY ? " PRIMARY KEY" : " UNIQUE")
                                    + " USING INDEX " + Identifiers.quote(index.name())
                                    + (constraint.deferrable() ? " DEFERRABLE" : "")
                                    + (constraint.initiallyDeferred() ? " INITIALLY DEFERRED" : ""),
                            Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                            EXPAND,
                            object);
                } else {
                    diff.plan.add(
                            Section.KEYS,
                            alterTable + " ADD CONSTRAINT " + quoted + " " + definition,
                            Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD, SCANS_TABLE),
                            EXPAND,
                            object);
                }
            }
            case CHECK, FOREIGN_KEY -> {
                boolean foreign = constraint.kind() == Constraint.Kind.FOREIGN_KEY;
                Section section = foreign ? Section.FOREIGN_KEYS : Section.CHECKS;
                Hazard lock = foreign ? ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK : ACQUIRES_ACCESS_EXCLUSIVE_LOCK;
                if (safe || !constraint.validated()) {
                    diff.plan.add(
                            section,
                            alterTable + " ADD CONSTRAINT " + quoted + " " + definition + " NOT VALID",
                            Set.of(lock),
                            EXPAND,
                            object);
                    if (constraint.validated()) {
                        diff.plan.add(
                                section,
                                alterTable + " VALIDATE CONSTRAINT " + quoted,
                                Set.of(SCANS_TABLE),
                                EXPAND,
                                object);
                    }
                } else {
                    diff.plan.add(
                            section,
                            alterTable + " ADD CONSTRAINT " + quoted + " " + definition,
                            Set.of(lock, SCANS_TABLE),
                            EXPAND,
                            object);
                }
            }
            case EXCLUSION ->
                diff.plan.add(
                        Section.KEYS,
                        alterTable + " ADD CONSTRAINT " + quoted + " " + definition,
                        Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD, SCANS_TABLE),
                        EXPAND,
                        object);
        }
    }

    // --------------------------------------------------------------------------------------------- indexes

    /**
     * Plain indexes (not of a constraint, not a partition's copy of its parent's) of a table or materialized view
     * that exists on both sides: {@code CREATE INDEX CONCURRENTLY} and {@code DROP INDEX CONCURRENTLY}, each a step
     * of its own outside a transaction; a changed definition is a drop and a create. On a partitioned table, where
     * PostgreSQL refuses {@code CONCURRENTLY}, see {@link #createOnPartitions}; an index of it is dropped with a
     * plain {@code DROP INDEX} (ACCESS EXCLUSIVE lock), which drops the partitions' indexes with it.
     */
    static void indexes(Diff diff, QualifiedName owner, boolean partitioned, List<Index> before, List<Index> after) {
        indexes(diff, owner, partitioned, before, after, Set.of());
    }

    /**
     * As {@link #indexes(Diff, QualifiedName, boolean, List, List)}; an index that goes away and uses one of the
     * {@code retyped} columns is dropped before the type change, which could fail on it (an operator class of the
     * old type).
     */
    private static void indexes(
            Diff diff,
            QualifiedName owner,
            boolean partitioned,
            List<Index> before,
            List<Index> after,
            Set<String> retyped) {
        Map<String, Index> old = Diff.byKey(before, Index::name);
        Map<String, Index> now = Diff.byKey(after, Index::name);
        for (Index index : now.values()) {
            Index was = old.get(index.name());
            boolean rebuild =
                    was != null && (!was.definition().equals(index.definition()) || (!was.valid() && index.valid()));
            if (rebuild) {
                dropIndex(diff, Section.PRE_DROP_INDEXES, owner, partitioned, was);
                diff.recreatedMembers.add(new ObjectRef(ObjectRef.Kind.INDEX, owner, index.name()));
            }
            if (was == null || rebuild) {
                if (partitioned) {
                    createOnPartitions(diff, owner, index);
                } else {
                    diff.plan.add(
                            Section.INDEXES,
                            Ddl.concurrently(Ddl.statement(index.definition())),
                            Set.of(INDEX_BUILD),
                            false,
                            EXPAND,
                            indexObject(owner, index));
                }
            }
        }
        for (Index index : old.values()) {
            if (!now.containsKey(index.name())) {
                boolean early = usesAny(diff, new ObjectRef(ObjectRef.Kind.INDEX, owner, index.name()), retyped);
                dropIndex(diff, early ? Section.PRE_DROP_INDEXES : Section.DROP_INDEXES, owner, partitioned, index);
            }
        }
    }

    /**
     * An index added to a partitioned table that exists: created on {@code ONLY} the parent (invalid, no data), then
     * each partition's index {@code CONCURRENTLY} (a step of its own outside a transaction) and attached to it; the
     * parent's index becomes valid once every partition's is attached. When a partition is itself partitioned, or a
     * partition's index is not in the target model, a plain {@code CREATE INDEX} on the parent, which builds every
     * partition's index under a SHARE lock.
     */
    private static void createOnPartitions(Diff diff, QualifiedName parent, Index index) {
        String object = indexObject(parent, index);
        QualifiedName indexName = new QualifiedName(parent.schema(), index.name());
        List<Table> partitions = diff.to.tables().stream()
                .filter(t -> parent.equals(t.partitionOf()))
                .toList();
        List<Index> children = new ArrayList<>();
        for (Table partition : partitions) {
            Index child = partition.indexes().stream()
                    .filter(i -> indexName.equals(i.parentIndex()))
                    .findFirst()
                    .orElse(null);
            if (partition.partitioned() || child == null) {
                diff.plan.add(
                        Section.INDEXES,
                        Ddl.statement(Ddl.recursive(index.definition())),
                        Set.of(ACQUIRES_SHARE_LOCK, INDEX_BUILD),
                        EXPAND,
                        object);
                return;
            }
            children.add(child);
        }
        String only = Ddl.statement(index.definition());
        if (!only.contains(" ON ONLY ")) {
            only = only.replaceFirst(" ON ", " ON ONLY ");
        }
        diff.plan.add(Section.INDEXES, only, Set.of(), EXPAND, object);
        for (int i = 0; i < partitions.size(); i++) {
            Table partition = partitions.get(i);
            Index child = children.get(i);
            Index existing = diff.droppedTables.contains(partition.name())
                    ? null
                    : diff.from
                            .table(partition.name())
                            .flatMap(t -> t.indexes().stream()
                                    .filter(x -> x.name().equals(child.name()))
                                    .findFirst())
                            .orElse(null);
            if (existing == null || !existing.definition().equals(child.definition())) {
                diff.plan.add(
                        Section.INDEXES,
                        Ddl.concurrently(Ddl.statement(child.definition())),
                        Set.of(INDEX_BUILD),
                        false,
                        EXPAND,
                        indexObject(partition.name(), child));
            }
            diff.plan.add(
                    Section.INDEXES,
                    "ALTER INDEX " + indexName.toSql() + " ATTACH PARTITION "
                            + Ddl.inSchemaOf(partition.name(), child.name()),
                    Set.of(),
                    EXPAND,
                    indexObject(partition.name(), child));
        }
    }

    private static void dropIndex(Diff diff, Section section, QualifiedName owner, boolean partitioned, Index index) {
        String name = Ddl.inSchemaOf(owner, index.name());
        if (partitioned) {
            diff.plan.add(
                    section,
                    "DROP INDEX " + name,
                    Set.of(ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_DROPPED),
                    EXPAND,
                    indexObject(owner, index));
        } else {
            diff.plan.add(
                    section,
                    "DROP INDEX CONCURRENTLY " + name,
                    Set.of(INDEX_DROPPED),
                    false,
                    EXPAND,
                    indexObject(owner, index));
        }
    }

    // -------------------------------------------------------------------------------------------- helpers

    /** The table without the constraints and indexes named (gone with a column dropped by the plan). */
    private static Table withoutGone(Table table, Set<String> gone) {
        if (gone.isEmpty()) {
            return table;
        }
        return new Table(
                table.name(),
                table.columns(),
                table.constraints().stream()
                        .filter(c -> !gone.contains(c.name()))
                        .toList(),
                table.indexes().stream()
                        .filter(i ->
                                !gone.contains(i.name()) && (i.constraint() == null || !gone.contains(i.constraint())))
                        .toList(),
                table.triggers(),
                table.partitionKey(),
                table.partitionOf(),
                table.partitionBound(),
                table.unlogged(),
                table.rowLevelSecurity(),
                table.comment());
    }

    /** The columns of the table whose type or collation the plan changes. */
    private static Set<String> retypedColumns(Table old, Table table) {
        Set<String> retyped = new HashSet<>();
        for (Column column : table.columns()) {
            old.column(column.name())
                    .filter(was ->
                            !was.type().equals(column.type()) || !Objects.equals(was.collation(), column.collation()))
                    .ifPresent(was -> retyped.add(column.name()));
        }
        return retyped;
    }

    /** Whether the object (an index or constraint of a table) uses one of the columns of its table named. */
    private static boolean usesAny(Diff diff, ObjectRef object, Set<String> columns) {
        if (columns.isEmpty()) {
            return false;
        }
        return diff.from.dependencies().stream()
                .anyMatch(d -> d.dependent().equals(object)
                        && d.referenced().kind() == ObjectRef.Kind.COLUMN
                        && d.referenced().name().equals(object.name())
                        && columns.contains(d.referenced().member()));
    }

    /** Whether the type (or the element type of an array) is an enum of the schema. */
    private static boolean isEnum(dev.slipway.migrate.schema.DatabaseSchema schema, String type) {
        String element = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
        return schema.enums().stream().anyMatch(e -> e.name().toSql().equals(element));
    }

    /** Whether an index of the table (a constraint's too) uses the column, as the old schema has it. */
    private static boolean indexed(Diff diff, QualifiedName table, String column) {
        ObjectRef used = new ObjectRef(ObjectRef.Kind.COLUMN, table, column);
        return diff.from.dependencies().stream()
                .anyMatch(d -> d.referenced().equals(used)
                        && d.dependent().kind() == ObjectRef.Kind.INDEX
                        && d.dependent().name().equals(table));
    }

    /** Whether the column is of an enum type (or an array of it) that the plan recreates. */
    static boolean usesRecreatedType(Diff diff, Column column) {
        String type = column.type().endsWith("[]")
                ? column.type().substring(0, column.type().length() - 2)
                : column.type();
        return diff.recreatedTypes.keySet().stream().anyMatch(t -> t.toSql().equals(type));
    }

    /** Indexes that are planned on their own: not a constraint's, not a copy of a partitioned table's. */
    static List<Index> plainIndexes(Table table) {
        return table.indexes().stream()
                .filter(i -> i.constraint() == null && i.parentIndex() == null)
                .toList();
    }

    static List<Constraint> own(List<Constraint> constraints) {
        return constraints.stream().filter(c -> !c.inherited()).toList();
    }

    private static Set<Hazard> union(Set<Hazard> a, Set<Hazard> b) {
        Set<Hazard> all = EnumSet.noneOf(Hazard.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    static String columnObject(QualifiedName table, String column) {
        return new ObjectRef(ObjectRef.Kind.COLUMN, table, column).toString();
    }

    static String constraintObject(Table table, Constraint constraint) {
        return new ObjectRef(ObjectRef.Kind.CONSTRAINT, table.name(), constraint.name()).toString();
    }

    static String indexObject(QualifiedName owner, Index index) {
        return new ObjectRef(ObjectRef.Kind.INDEX, owner, index.name()).toString();
    }

    static String names(List<String> names) {
        return names.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }
}
