package dev.slipway.migrate.schema;

import java.util.List;
import java.util.Optional;

/**
 * The objects of one database, read from PostgreSQL's catalog: the model that {@link SchemaPlan}s are computed
 * between. Immutable; every list is sorted by name so two reads of the same database are equal.
 *
 * @param serverVersionNum the server's {@code server_version_num} ({@code 150008}); definitions are printed by it
 * @param schemas the schemas read (not {@code pg_catalog}, {@code information_schema}, {@code pg_toast*} or
 *     {@code pg_temp*})
 * @param extensions the extensions installed; the objects they own are not in this model
 * @param enums enum types with their labels in order
 * @param sequences sequences that are not the sequence of an identity column
 * @param tables tables, partitioned tables and partitions, with their columns, constraints, indexes and triggers
 * @param views views and materialized views
 * @param routines functions and procedures (not aggregates or window functions: those are listed as unsupported)
 * @param dependencies which object uses which, from {@code pg_depend}: what must exist first, and what must be
 *     dropped and recreated around a change of the object it uses
 * @param unsupported objects of kinds this model does not hold (domains, composite and range types, policies,
 *     rules, aggregates, publications, event triggers, foreign tables, ...), named so a plan can report them
 */
public record DatabaseSchema(
        int serverVersionNum,
        List<Namespace> schemas,
        List<Extension> extensions,
        List<EnumType> enums,
        List<Sequence> sequences,
        List<Table> tables,
        List<View> views,
        List<Routine> routines,
        List<Dependency> dependencies,
        List<UnsupportedObject> unsupported) {

    public DatabaseSchema {
        schemas = List.copyOf(schemas);
        extensions = List.copyOf(extensions);
        enums = List.copyOf(enums);
        sequences = List.copyOf(sequences);
        tables = List.copyOf(tables);
        views = List.copyOf(views);
        routines = List.copyOf(routines);
        dependencies = List.copyOf(dependencies);
        unsupported = List.copyOf(unsupported);
    }

    /** The table of that name, if the schema holds one. */
    public Optional<Table> table(QualifiedName name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The view or materialized view of that name, if the schema holds one. */
    public Optional<View> view(QualifiedName name) {
        return views.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
