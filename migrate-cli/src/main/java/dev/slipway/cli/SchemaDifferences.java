package dev.slipway.cli;

import dev.slipway.migrate.schema.Column;
import dev.slipway.migrate.schema.Constraint;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.EnumType;
import dev.slipway.migrate.schema.Extension;
import dev.slipway.migrate.schema.Index;
import dev.slipway.migrate.schema.Namespace;
import dev.slipway.migrate.schema.Sequence;
import dev.slipway.migrate.schema.Table;
import dev.slipway.migrate.schema.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The differences between a live database and the schema its migrations give, in words a person reads, for
 * {@code slipway drift}: "table public.audit_log exists in the database but not in the migrations", "column
 * public.orders.note: type text in the database, character varying(200) in the migrations", "index
 * public.orders_created_idx is in the migrations but missing from the database".
 *
 * <ol>
 *   <li>Objects are matched by kind and name (routines by signature), as the planner matches them.</li>
 *   <li>An object on one side only is one difference; an object on both sides is compared field by field, each
 *       field that differs one difference with both values side by side.</li>
 *   <li>A table on one side only is not broken down into its columns, indexes and constraints.</li>
 * </ol>
 */
final class SchemaDifferences {

    private static final String DATABASE = "the database";
    private static final String MIGRATIONS = "the migrations";

    /**
     * One difference.
     *
     * @param object the object, as {@code column public.orders.note}
     * @param message the difference in a sentence
     */
    record Difference(String object, String message) {}

    private final List<Difference> differences = new ArrayList<>();

    private SchemaDifferences() {}

    /** What differs between the database and the schema of its migrations. */
    static List<Difference> between(DatabaseSchema database, DatabaseSchema migrations) {
        SchemaDifferences d = new SchemaDifferences();
        d.compare("schema", database.schemas(), migrations.schemas(), Namespace::name, (o, a, b) -> {
            d.field(o, "comment", a.comment(), b.comment());
        });
        d.compare("extension", database.extensions(), migrations.extensions(), Extension::name, (o, a, b) -> {
            d.field(o, "schema", a.schema(), b.schema());
            d.field(o, "version", a.version(), b.version());
        });
        d.compare(
                "enum type", database.enums(), migrations.enums(), e -> e.name().toString(), (o, a, b) -> {
                    d.field(o, "labels", labels(a), labels(b));
                    d.field(o, "comment", a.comment(), b.comment());
                });
        d.compare(
                "sequence",
                database.sequences(),
                migrations.sequences(),
                s -> s.name().toString(),
                (o, a, b) -> {
                    d.field(o, "definition", sequence(a), sequence(b));
                    d.field(
                            o,
                            "owner column",
                            Objects.toString(a.ownedBy(), null),
                            Objects.toString(b.ownedBy(), null));
                    d.field(o, "comment", a.comment(), b.comment());
                });
        d.compare("table", database.tables(), migrations.tables(), t -> t.name().toString(), d::table);
        d.compare("view", database.views(), migrations.views(), v -> v.name().toString(), (o, a, b) -> {
            d.field(
                    o,
                    "kind",
                    a.materialized() ? "materialized" : "plain",
                    b.materialized() ? "materialized" : "plain");
            d.field(o, "definition", a.definition(), b.definition());
            d.field(o, "options", String.join(", ", a.options()), String.join(", ", b.options()));
            d.compare("index", a.indexes(), b.indexes(), i -> qualified(a.name().schema(), i.name()), d::index);
            d.field(o, "comment", a.comment(), b.comment());
        });
        d.compare(
                "routine",
                database.routines(),
                migrations.routines(),
                r -> r.name() + "(" + r.identityArguments() + ")",
                (o, a, b) -> {
                    d.field(o, "definition", a.definition(), b.definition());
                    d.field(o, "comment", a.comment(), b.comment());
                });
        d.compare(
                "unsupported object",
                database.unsupported(),
                migrations.unsupported(),
                u -> u.kind() + " " + u.name(),
                (o, a, b) -> {});
        return List.copyOf(d.differences);
    }

    private void table(String object, Table a, Table b) {
        String table = a.name().toString();
        compare("column", a.columns(), b.columns(), c -> table + "." + c.name(), this::column);
        compare("constraint", a.constraints(), b.constraints(), c -> c.name() + " on " + table, this::constraint);
        compare("index", a.indexes(), b.indexes(), i -> qualified(a.name().schema(), i.name()), this::index);
        compare("trigger", a.triggers(), b.triggers(), t -> t.name() + " on " + table, this::trigger);
        field(object, "partitioning", a.partitionKey(), b.partitionKey());
        field(object, "partition of", Objects.toString(a.partitionOf(), null), Objects.toString(b.partitionOf(), null));
        field(object, "partition bound", a.partitionBound(), b.partitionBound());
        field(object, "logging", a.unlogged() ? "unlogged" : "logged", b.unlogged() ? "unlogged" : "logged");
        field(object, "row level security", a.rowLevelSecurity() ? "on" : "off", b.rowLevelSecurity() ? "on" : "off");
        field(object, "comment", a.comment(), b.comment());
    }

    private void column(String object, Column a, Column b) {
        field(object, "type", a.type(), b.type());
        field(object, "collation", a.collation(), b.collation());
        field(object, "default", a.defaultExpression(), b.defaultExpression());
        field(object, "nullability", a.notNull() ? "NOT NULL" : "nullable", b.notNull() ? "NOT NULL" : "nullable");
        field(object, "identity", Objects.toString(a.identity(), null), Objects.toString(b.identity(), null));
        field(object, "generated as", a.generatedExpression(), b.generatedExpression());
        field(object, "comment", a.comment(), b.comment());
    }

    private void constraint(String object, Constraint a, Constraint b) {
        field(object, "definition", a.definition(), b.definition());
        field(
                object,
                "validation",
                a.validated() ? "validated" : "NOT VALID",
                b.validated() ? "validated" : "NOT VALID");
        field(object, "comment", a.comment(), b.comment());
    }

    private void index(String object, Index a, Index b) {
        field(object, "definition", a.definition(), b.definition());
        field(object, "validity", a.valid() ? "valid" : "INVALID", b.valid() ? "valid" : "INVALID");
        field(object, "comment", a.comment(), b.comment());
    }

    private void trigger(String object, Trigger a, Trigger b) {
        field(object, "definition", a.definition(), b.definition());
        field(object, "enabled", String.valueOf(a.enabled()), String.valueOf(b.enabled()));
        field(object, "comment", a.comment(), b.comment());
    }

    /** Compares two values of one field; a difference names both, the database's first. */
    private void field(String object, String field, String database, String migrations) {
        if (Objects.equals(database, migrations)) {
            return;
        }
        String message;
        if (database == null) {
            message = object + ": no " + field + " in " + DATABASE + ", " + shown(migrations) + " in " + MIGRATIONS;
        } else if (migrations == null) {
            message = object + ": " + field + " " + shown(database) + " in " + DATABASE + ", none in " + MIGRATIONS;
        } else {
            message = object + ": " + field + " " + shown(database) + " in " + DATABASE + ", " + shown(migrations)
                    + " in " + MIGRATIONS;
        }
        differences.add(new Difference(object, message));
    }

    private interface Both<T> {
        void compare(String object, T database, T migrations);
    }

    private <T> void compare(String kind, List<T> database, List<T> migrations, Function<T, String> key, Both<T> both) {
        Map<String, T> inDatabase = byKey(database, key);
        Map<String, T> inMigrations = byKey(migrations, key);
        for (Map.Entry<String, T> entry : inDatabase.entrySet()) {
            String object = kind + " " + entry.getKey();
            T other = inMigrations.get(entry.getKey());
            if (other == null) {
                differences.add(
                        new Difference(object, object + " exists in " + DATABASE + " but not in " + MIGRATIONS));
            } else {
                both.compare(object, entry.getValue(), other);
            }
        }
        for (Map.Entry<String, T> entry : inMigrations.entrySet()) {
            if (!inDatabase.containsKey(entry.getKey())) {
                String object = kind + " " + entry.getKey();
                differences.add(
                        new Difference(object, object + " is in " + MIGRATIONS + " but missing from " + DATABASE));
            }
        }
    }

    private static <T> Map<String, T> byKey(List<T> objects, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        objects.forEach(o -> map.putIfAbsent(key.apply(o), o));
        return map;
    }

    private static String qualified(String schema, String name) {
        return schema + "." + name;
    }

    private static String labels(EnumType type) {
        return String.join(", ", type.labels());
    }

    private static String sequence(Sequence s) {
        return s.dataType() + " start " + s.start() + " increment " + s.increment() + " min " + s.minValue() + " max "
                + s.maxValue() + " cache " + s.cache() + (s.cycle() ? " cycle" : "");
    }

    /** A value on one line; a long one (a view or function body) cut, as the plan shows it whole. */
    private static String shown(String value) {
        String line = value.strip().replaceAll("\\s+", " ");
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
