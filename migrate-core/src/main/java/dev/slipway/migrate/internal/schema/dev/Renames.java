package dev.slipway.migrate.internal.schema.dev;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.schema.Column;
import dev.slipway.migrate.schema.Constraint;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.Index;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The renames the hints ask for, checked against the two schemas, and the intermediate schemas a split plan goes
 * through:
 *
 * <ol>
 *   <li>{@link #renamedTables}: the schema as it is, with each renamed table under its new name (and its
 *       constraints and indexes named {@code <old>_...} under {@code <new>_...} where the desired table has that
 *       name), so the plan from it holds no drop and create of the table;</li>
 *   <li>{@link #bothColumns}: the desired schema in which each renamed column's table still holds the old column as
 *       it is, and the new column nullable and without a default (so a row written by old code, which leaves the new
 *       column out, is told apart by the sync trigger);</li>
 *   <li>the plan from the second to the desired schema is what the contract adds for the renames: the old columns
 *       dropped, the new ones' defaults and {@code NOT NULL} in their safe forms.</li>
 * </ol>
 */
final class Renames {

    /** A table renamed, and its constraints and indexes renamed with it (old name, new name, kind). */
    record TableRename(QualifiedName from, QualifiedName to, List<String[]> constraints, List<String[]> indexes) {}

    /** A column renamed. */
    record ColumnRename(QualifiedName table, String from, String to, Column oldColumn, Column newColumn) {}

    final List<TableRename> tables = new ArrayList<>();
    final List<ColumnRename> columns = new ArrayList<>();

    private Renames() {}

    static Renames resolve(RenameHints.Hints hints, DatabaseSchema from, DatabaseSchema to) {
        Renames renames = new Renames();
        for (RenameHints.TableHint hint : hints.tables()) {
            QualifiedName target = find(to, hint.schema(), hint.table(), "the desired schema");
            QualifiedName source =
                    new QualifiedName(hint.oldSchema() == null ? target.schema() : hint.oldSchema(), hint.oldTable());
            if (from.table(source).isEmpty()) {
                throw unresolved("table " + target, "table " + source + ", which the migrations do not create");
            }
            if (to.table(source).isPresent() || from.table(target).isPresent()) {
                throw unresolved(
                        "table " + target,
                        "table " + source + ", but both names are in one of the schemas: nothing is renamed");
            }
            Table old = from.table(source).orElseThrow();
            Table desired = to.table(target).orElseThrow();
            List<String[]> constraints = new ArrayList<>();
            for (Constraint constraint : old.constraints()) {
                String renamed = renamedMember(constraint.name(), source.name(), target.name());
                if (renamed != null
                        && desired.constraints().stream().anyMatch(c -> c.name().equals(renamed))
                        && old.constraints().stream().noneMatch(c -> c.name().equals(renamed))) {
                    constraints.add(new String[] {constraint.name(), renamed});
                }
            }
            List<String[]> indexes = new ArrayList<>();
            for (Index index : old.indexes()) {
                String renamed = renamedMember(index.name(), source.name(), target.name());
                if (index.constraint() == null
                        && renamed != null
                        && desired.indexes().stream().anyMatch(i -> i.name().equals(renamed))
                        && old.indexes().stream().noneMatch(i -> i.name().equals(renamed))) {
                    indexes.add(new String[] {index.name(), renamed});
                }
            }
            renames.tables.add(new TableRename(source, target, constraints, indexes));
        }
        DatabaseSchema renamedFrom = renames.renamedTables(from);
        for (RenameHints.ColumnHint hint : hints.columns()) {
            QualifiedName table = find(to, hint.schema(), hint.table(), "the desired schema");
            Table before = renamedFrom
                    .table(table)
                    .orElseThrow(() -> unresolved(
                            "column " + table + "." + hint.column(),
                            "a column of table " + table + ", which the migrations do not create"));
            Table after = to.table(table).orElseThrow();
            Column oldColumn = before.column(hint.oldColumn())
                    .orElseThrow(() -> unresolved(
                            "column " + table + "." + hint.column(),
                            "column " + hint.oldColumn() + ", which table " + table + " does not have"));
            Column newColumn = after.column(hint.column()).orElseThrow();
            if (before.column(hint.column()).isPresent()
                    || after.column(hint.oldColumn()).isPresent()) {
                throw unresolved(
                        "column " + table + "." + hint.column(),
                        "column " + hint.oldColumn() + ", but both names are in one of the schemas: nothing is"
                                + " renamed");
            }
            renames.columns.add(new ColumnRename(table, hint.oldColumn(), hint.column(), oldColumn, newColumn));
        }
        return renames;
    }

    boolean isEmpty() {
        return tables.isEmpty() && columns.isEmpty();
    }

    /** The renamed-from column of a table, if it is one. */
    Optional<ColumnRename> columnRenamedFrom(QualifiedName table, String oldColumn) {
        return columns.stream()
                .filter(c -> c.table().equals(table) && c.from().equals(oldColumn))
                .findFirst();
    }

    /** The schema as it is with the tables renamed. */
    DatabaseSchema renamedTables(DatabaseSchema schema) {
        if (tables.isEmpty()) {
            return schema;
        }
        List<Table> result = new ArrayList<>();
        for (Table table : schema.tables()) {
            Table changed = table;
            for (TableRename rename : tables) {
                changed = renamed(changed, rename);
            }
            result.add(changed);
        }
        return new DatabaseSchema(
                schema.serverVersionNum(),
                schema.schemas(),
                schema.extensions(),
                schema.enums(),
                schema.sequences(),
                result,
                schema.views(),
                schema.routines(),
                schema.dependencies(),
                schema.unsupported());
    }

    /** The desired schema with each renamed column's old column kept and its new column nullable, no default. */
    DatabaseSchema bothColumns(DatabaseSchema desired) {
        if (columns.isEmpty()) {
            return desired;
        }
        List<Table> result = new ArrayList<>();
        for (Table table : desired.tables()) {
            List<Column> kept = new ArrayList<>();
            List<Column> olds = new ArrayList<>();
            for (Column column : table.columns()) {
                Optional<ColumnRename> rename = columns.stream()
                        .filter(c -> c.table().equals(table.name()) && c.to().equals(column.name()))
                        .findFirst();
                if (rename.isPresent()) {
                    kept.add(new Column(
                            column.name(),
                            column.type(),
                            column.collation(),
                            null,
                            false,
                            null,
                            null,
                            column.comment()));
                    olds.add(rename.get().oldColumn());
                } else {
                    kept.add(column);
                }
            }
            kept.addAll(olds);
            result.add(new Table(
                    table.name(),
                    kept,
                    table.constraints(),
                    table.indexes(),
                    table.triggers(),
                    table.partitionKey(),
                    table.partitionOf(),
                    table.partitionBound(),
                    table.unlogged(),
                    table.rowLevelSecurity(),
                    table.comment()));
        }
        return new DatabaseSchema(
                desired.serverVersionNum(),
                desired.schemas(),
                desired.extensions(),
                desired.enums(),
                desired.sequences(),
                result,
                desired.views(),
                desired.routines(),
                desired.dependencies(),
                desired.unsupported());
    }

    private static Table renamed(Table table, TableRename rename) {
        String oldSql = rename.from().toSql();
        String newSql = rename.to().toSql();
        boolean self = table.name().equals(rename.from());
        List<Constraint> constraints = new ArrayList<>();
        for (Constraint c : table.constraints()) {
            String name = self ? memberName(c.name(), rename.constraints()) : c.name();
            String definition = c.definition().replace("REFERENCES " + oldSql + "(", "REFERENCES " + newSql + "(");
            QualifiedName references = rename.from().equals(c.references()) ? rename.to() : c.references();
            constraints.add(new Constraint(
                    name,
                    c.kind(),
                    definition,
                    c.columns(),
                    references,
                    c.validated(),
                    c.deferrable(),
                    c.initiallyDeferred(),
                    c.inherited(),
                    c.comment()));
        }
        List<Index> indexes = new ArrayList<>();
        for (Index i : table.indexes()) {
            if (!self) {
                indexes.add(i);
                continue;
            }
            String name = memberName(i.name(), rename.indexes());
            String constraint = i.constraint() == null ? null : memberName(i.constraint(), rename.constraints());
            if (constraint != null && !constraint.equals(i.constraint())) {
                name = constraint; // a constraint's index is renamed with it
            }
            String definition = i.definition()
                    .replace(
                            "INDEX " + dev.slipway.migrate.schema.Identifiers.quote(i.name()) + " ON ",
                            "INDEX " + dev.slipway.migrate.schema.Identifiers.quote(name) + " ON ")
                    .replace(" ON " + oldSql + " ", " ON " + newSql + " ")
                    .replace(" ON ONLY " + oldSql + " ", " ON ONLY " + newSql + " ");
            indexes.add(new Index(
                    name,
                    definition,
                    i.columns(),
                    i.unique(),
                    constraint,
                    i.predicate(),
                    i.valid(),
                    i.parentIndex(),
                    i.comment()));
        }
        QualifiedName partitionOf = rename.from().equals(table.partitionOf()) ? rename.to() : table.partitionOf();
        return new Table(
                self ? rename.to() : table.name(),
                table.columns(),
                constraints,
                indexes,
                table.triggers(),
                table.partitionKey(),
                partitionOf,
                table.partitionBound(),
                table.unlogged(),
                table.rowLevelSecurity(),
                table.comment());
    }

    private static String memberName(String name, List<String[]> renames) {
        for (String[] pair : renames) {
            if (pair[0].equals(name)) {
                return pair[1];
            }
        }
        return name;
    }

    /** {@code orders_pkey} for {@code purchases_pkey} when {@code purchases} becomes {@code orders}, else null. */
    private static String renamedMember(String member, String oldTable, String newTable) {
        return member.startsWith(oldTable + "_") ? newTable + member.substring(oldTable.length()) : null;
    }

    private static QualifiedName find(DatabaseSchema schema, String schemaName, String table, String where) {
        List<QualifiedName> found = schema.tables().stream()
                .map(Table::name)
                .filter(n -> n.name().equals(table)
                        && (schemaName == null || n.schema().equals(schemaName)))
                .toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        List<QualifiedName> inPublic =
                found.stream().filter(n -> n.schema().equals("public")).toList();
        if (inPublic.size() == 1) {
            return inPublic.get(0);
        }
        throw new SlipwayException(
                SlipwayError.OTHER,
                "The -- slipway:renamed-from hint of table " + table + " names a table that " + where
                        + (found.isEmpty() ? " does not hold." : " holds in several schemas."),
                Action.text("Qualify the table's name in its CREATE TABLE with its schema."));
    }

    private static SlipwayException unresolved(String what, String names) {
        return new SlipwayException(
                SlipwayError.OTHER,
                "The -- slipway:renamed-from hint of " + what + " names " + names + ".",
                Action.text("Fix the former name in the hint (the name the migrations give it), or remove the hint to"
                        + " drop the old one and create the new one."));
    }
}
