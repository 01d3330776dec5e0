package dev.slipway.migrate.internal.schema;

import static dev.slipway.migrate.MigrationPhase.CONTRACT;
import static dev.slipway.migrate.MigrationPhase.EXPAND;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.internal.schema.PlanBuilder.Section;
import dev.slipway.migrate.schema.Column;
import dev.slipway.migrate.schema.ColumnRef;
import dev.slipway.migrate.schema.EnumType;
import dev.slipway.migrate.schema.Extension;
import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.Identifiers;
import dev.slipway.migrate.schema.Namespace;
import dev.slipway.migrate.schema.ObjectRef;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Sequence;
import dev.slipway.migrate.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Plans schemas, extensions, enum types and sequences. */
final class TypePlanner {

    /** The suffix an enum type is renamed with while its replacement is created. */
    static final String OLD_TYPE_SUFFIX = "__slipway_old";

    private TypePlanner() {}

    static void plan(Diff diff) {
        schemas(diff);
        extensions(diff);
        enums(diff);
        sequences(diff);
    }

    private static void schemas(Diff diff) {
        Map<String, Namespace> from = Diff.byKey(diff.from.schemas(), Namespace::name);
        Map<String, Namespace> to = Diff.byKey(diff.to.schemas(), Namespace::name);
        for (Namespace schema : to.values()) {
            String name = Identifiers.quote(schema.name());
            Namespace old = from.get(schema.name());
            if (old == null) {
                diff.plan.add(Section.SCHEMAS, "CREATE SCHEMA " + name, Set.of(), EXPAND, "schema " + schema.name());
            }
            if (!Objects.equals(old == null ? null : old.comment(), schema.comment())) {
                diff.plan.add(
                        Section.COMMENTS,
                        Ddl.comment("SCHEMA " + name, schema.comment()),
                        Set.of(),
                        EXPAND,
                        "schema " + schema.name());
            }
        }
        for (Namespace schema : from.values()) {
            if (!to.containsKey(schema.name())) {
                diff.plan.add(
                        Section.DROP_SCHEMAS,
                        "DROP SCHEMA " + Identifiers.quote(schema.name()),
                        Set.of(Hazard.BREAKS_OLD_CODE),
                        CONTRACT,
                        "schema " + schema.name());
            }
        }
    }

    private static void extensions(Diff diff) {
        Map<String, Extension> from = Diff.byKey(diff.from.extensions(), Extension::name);
        Map<String, Extension> to = Diff.byKey(diff.to.extensions(), Extension::name);
        for (Extension extension : to.values()) {
            String name = Identifiers.quote(extension.name());
            String object = "extension " + extension.name();
            Extension old = from.get(extension.name());
            if (old == null) {
                diff.plan.add(
                        Section.EXTENSIONS,
                        "CREATE EXTENSION " + name + " WITH SCHEMA " + Identifiers.quote(extension.schema())
                                + " VERSION " + Identifiers.literal(extension.version()),
                        Set.of(),
                        EXPAND,
                        object);
                continue;
            }
            if (!old.version().equals(extension.version())) {
                diff.plan.add(
                        Section.EXTENSIONS,
                        "ALTER EXTENSION " + name + " UPDATE TO " + Identifiers.literal(extension.version()),
                        Set.of(Hazard.UNTRACKED_DEPENDENCIES),
                        EXPAND,
                        object);
            }
            if (!old.schema().equals(extension.schema())) {
                diff.plan.add(
                        Section.EXTENSIONS,
                        "ALTER EXTENSION " + name + " SET SCHEMA " + Identifiers.quote(extension.schema()),
                        Set.of(Hazard.BREAKS_OLD_CODE),
                        CONTRACT,
                        object);
            }
        }
        for (Extension extension : from.values()) {
            if (!to.containsKey(extension.name())) {
                diff.plan.add(
                        Section.DROP_EXTENSIONS,
                        "DROP EXTENSION " + Identifiers.quote(extension.name()),
                        Set.of(Hazard.DELETES_DATA, Hazard.BREAKS_OLD_CODE),
                        CONTRACT,
                        "extension " + extension.name());
            }
        }
    }

    private static void enums(Diff diff) {
        Map<QualifiedName, EnumType> from = Diff.byKey(diff.from.enums(), EnumType::name);
        Map<QualifiedName, EnumType> to = Diff.byKey(diff.to.enums(), EnumType::name);
        for (EnumType type : to.values()) {
            EnumType old = from.get(type.name());
            String object = "type " + type.name();
            if (old == null) {
                diff.plan.add(Section.TYPES, create(type.name(), type.labels()), Set.of(), EXPAND, object);
            } else if (!old.labels().equals(type.labels())) {
                if (isSubsequence(old.labels(), type.labels())) {
                    addValues(diff, old, type);
                } else {
                    recreate(diff, old, type);
                }
            }
            if (!Objects.equals(old == null ? null : old.comment(), type.comment())) {
                diff.plan.add(
                        Section.COMMENTS,
                        Ddl.comment("TYPE " + type.name().toSql(), type.comment()),
                        Set.of(),
                        EXPAND,
                        object);
            }
        }
        for (EnumType type : from.values()) {
            if (!to.containsKey(type.name())) {
                diff.plan.add(
                        Section.DROP_TYPES,
                        "DROP TYPE " + type.name().toSql(),
                        Set.of(Hazard.BREAKS_OLD_CODE),
                        CONTRACT,
                        "type " + type.name());
            }
        }
    }

    private static String create(QualifiedName name, List<String> labels) {
        return "CREATE TYPE " + name.toSql() + " AS ENUM ("
                + labels.stream().map(Identifiers::literal).collect(Collectors.joining(", ")) + ")";
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int at = 0;
        for (String label : whole) {
            if (at < part.size() && part.get(at).equals(label)) {
                at++;
            }
        }
        return at == part.size();
    }

    /**
     * Labels added, old ones kept in order: one {@code ALTER TYPE ... ADD VALUE} each, placed after the label before
     * it (or before the first old label for labels added at the start), each a step of its own outside a
     * transaction: a value added in a transaction cannot be used in it.
     */
    private static void addValues(Diff diff, EnumType old, EnumType type) {
        List<String> present = new ArrayList<>(old.labels());
        String previous = null;
        for (String label : type.labels()) {
            if (!present.contains(label)) {
                String where;
                if (previous != null) {
                    where = " AFTER " + Identifiers.literal(previous);
                } else if (!present.isEmpty()) {
                    where = " BEFORE " + Identifiers.literal(present.get(0));
                } else {
                    where = "";
                }
                diff.plan.add(
                        Section.TYPES,
                        "ALTER TYPE " + type.name().toSql() + " ADD VALUE " + Identifiers.literal(label) + where,
                        Set.of(),
                        false,
                        EXPAND,
                        "type " + type.name());
                present.add(label);
            }
            previous = label;
        }
    }

    /**
     * A label removed or the labels reordered: the type is renamed away, created anew, every column of it converted
     * through text (a row holding a removed label fails the conversion), and the old type dropped.
     */
    private static void recreate(Diff diff, EnumType old, EnumType type) {
        QualifiedName renamed =
                new QualifiedName(type.name().schema(), type.name().name() + OLD_TYPE_SUFFIX);
        String object = "type " + type.name();
        // Only a removed label can lose a value (a row holding it fails the conversion); a new order loses nothing.
        boolean removesLabels = !type.labels().containsAll(old.labels());
        Set<Hazard> losing = removesLabels ? Set.of(Hazard.DELETES_DATA) : Set.of();
        diff.recreatedTypes.put(type.name(), CONTRACT);
        diff.plan.add(
                Section.TYPES,
                "ALTER TYPE " + type.name().toSql() + " RENAME TO " + Identifiers.quote(renamed.name()),
                Set.of(Hazard.BREAKS_OLD_CODE),
                CONTRACT,
                object);
        diff.plan.add(Section.TYPES, create(type.name(), type.labels()), Set.of(), CONTRACT, object);
        String scalar = type.name().toSql();
        String array = scalar + "[]";
        for (Table table : diff.from.tables()) {
            if (table.partitionOf() != null || diff.to.table(table.name()).isEmpty()) {
                continue;
            }
            for (Column column : table.columns()) {
                boolean isArray = column.type().equals(array);
                if (!isArray && !column.type().equals(scalar)) {
                    continue;
                }
                Column target = diff.to
                        .table(table.name())
                        .orElseThrow()
                        .column(column.name())
                        .orElse(null);
                if (target == null || !target.type().equals(column.type())) {
                    continue;
                }
                ColumnRef ref = new ColumnRef(table.name(), column.name());
                diff.changedColumns.merge(ref, CONTRACT, Diff::later);
                String alter =
                        "ALTER TABLE " + table.name().toSql() + " ALTER COLUMN " + Identifiers.quote(column.name());
                String columnObject = new ObjectRef(ObjectRef.Kind.COLUMN, table.name(), column.name()).toString();
                if (column.defaultExpression() != null) {
                    diff.plan.add(
                            Section.COLUMNS,
                            alter + " DROP DEFAULT",
                            Set.of(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                            CONTRACT,
                            columnObject);
                }
                diff.plan.add(
                        Section.COLUMNS,
                        alter + " TYPE " + column.type() + " USING " + Identifiers.quote(column.name())
                                + (isArray ? "::text[]::" : "::text::") + column.type(),
                        union(Set.of(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK, Hazard.REWRITES_TABLE), losing),
                        CONTRACT,
                        columnObject);
                if (target.defaultExpression() != null) {
                    diff.plan.add(
                            Section.COLUMNS,
                            alter + " SET DEFAULT " + target.defaultExpression(),
                            Set.of(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                            CONTRACT,
                            columnObject);
                }
            }
        }
        diff.plan.add(
                Section.DROP_TYPES,
                "DROP TYPE " + renamed.toSql(),
                union(Set.of(Hazard.BREAKS_OLD_CODE), losing),
                CONTRACT,
                object);
    }

    private static Set<Hazard> union(Set<Hazard> a, Set<Hazard> b) {
        Set<Hazard> all = java.util.EnumSet.noneOf(Hazard.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    private static void sequences(Diff diff) {
        Map<QualifiedName, Sequence> from = Diff.byKey(diff.from.sequences(), Sequence::name);
        Map<QualifiedName, Sequence> to = Diff.byKey(diff.to.sequences(), Sequence::name);
        for (Sequence sequence : to.values()) {
            Sequence old = from.get(sequence.name());
            String object = "sequence " + sequence.name();
            String options = " AS " + sequence.dataType() + " INCREMENT BY " + sequence.increment() + " MINVALUE "
                    + sequence.minValue() + " MAXVALUE " + sequence.maxValue() + " START WITH " + sequence.start()
                    + " CACHE " + sequence.cache() + (sequence.cycle() ? " CYCLE" : " NO CYCLE");
            if (old == null) {
                diff.plan.add(
                        Section.SEQUENCES,
                        "CREATE SEQUENCE " + sequence.name().toSql() + options,
                        Set.of(),
                        EXPAND,
                        object);
            } else if (!sameOptions(old, sequence)) {
                diff.plan.add(
                        Section.ALTERS,
                        "ALTER SEQUENCE " + sequence.name().toSql() + options,
                        Set.of(),
                        EXPAND,
                        object);
            }
            ColumnRef oldOwner = old == null ? null : old.ownedBy();
            if (!Objects.equals(oldOwner, sequence.ownedBy())) {
                ColumnRef owner = sequence.ownedBy();
                diff.plan.add(
                        Section.ALTERS,
                        "ALTER SEQUENCE " + sequence.name().toSql() + " OWNED BY "
                                + (owner == null
                                        ? "NONE"
                                        : owner.table().toSql() + "." + Identifiers.quote(owner.column())),
                        Set.of(),
                        EXPAND,
                        object);
            }
            if (!Objects.equals(old == null ? null : old.comment(), sequence.comment())) {
                diff.plan.add(
                        Section.COMMENTS,
                        Ddl.comment("SEQUENCE " + sequence.name().toSql(), sequence.comment()),
                        Set.of(),
                        EXPAND,
                        object);
            }
        }
        for (Sequence sequence : from.values()) {
            if (!to.containsKey(sequence.name())) {
                // IF EXISTS: a sequence owned by a column or table dropped in this plan is already gone with it.
                diff.plan.add(
                        Section.DROP_SEQUENCES,
                        "DROP SEQUENCE IF EXISTS " + sequence.name().toSql(),
                        Set.of(Hazard.DELETES_DATA, Hazard.BREAKS_OLD_CODE),
                        CONTRACT,
                        "sequence " + sequence.name());
            }
        }
    }

    private static boolean sameOptions(Sequence a, Sequence b) {
        return a.dataType().equals(b.dataType())
                && a.start() == b.start()
                && a.increment() == b.increment()
                && a.minValue() == b.minValue()
                && a.maxValue() == b.maxValue()
                && a.cache() == b.cache()
                && a.cycle() == b.cycle();
    }

    /** The phase of a change: contract if it breaks old code, else expand. */
    static MigrationPhase phase(boolean breaksOldCode) {
        return breaksOldCode ? CONTRACT : EXPAND;
    }
}
