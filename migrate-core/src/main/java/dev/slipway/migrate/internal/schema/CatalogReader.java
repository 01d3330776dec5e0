package dev.slipway.migrate.internal.schema;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.DatabaseProduct;
import dev.slipway.migrate.schema.Column;
import dev.slipway.migrate.schema.ColumnRef;
import dev.slipway.migrate.schema.Constraint;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.Dependency;
import dev.slipway.migrate.schema.EnumType;
import dev.slipway.migrate.schema.Extension;
import dev.slipway.migrate.schema.Index;
import dev.slipway.migrate.schema.Namespace;
import dev.slipway.migrate.schema.ObjectRef;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Routine;
import dev.slipway.migrate.schema.Sequence;
import dev.slipway.migrate.schema.Table;
import dev.slipway.migrate.schema.Trigger;
import dev.slipway.migrate.schema.UnsupportedObject;
import dev.slipway.migrate.schema.View;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link DatabaseSchema} from PostgreSQL's catalog ({@code pg_catalog} only, never
 * {@code information_schema}), for PostgreSQL 12 and newer.
 *
 * <ol>
 *   <li>Opens one read-only, repeatable-read transaction (or, when the connection is already in a transaction of
 *       the caller's, a savepoint) and sets {@code search_path} to empty for it, so that every name the
 *       {@code pg_get_*def} functions and {@code format_type} print is schema-qualified.</li>
 *   <li>Runs one query per kind of object over the whole database, each in one round trip: schemas, extensions,
 *       enums, sequences, tables, columns, constraints, indexes, triggers, views, routines, dependencies, and the
 *       objects of unsupported kinds: 16 round trips with the transaction's start, setup and end, however many
 *       tables there are ({@link #readWithStats} counts them).</li>
 *   <li>Leaves out the system schemas, the excluded schemas and tables of the {@link Options}, and every object an
 *       extension owns ({@code pg_depend} type {@code e}); joins the rows by OID in memory (the model holds no
 *       OID) and sorts every list by name, so two reads of equal schemas are equal.</li>
 *   <li>Rolls the transaction (or the savepoint) back and restores the connection's auto-commit mode.</li>
 * </ol>
 *
 * The queries see one snapshot, but the {@code pg_get_*def} functions read the catalog as it is when they run, as
 * in {@code pg_dump}: DDL committed by another session during the read may fail it ("cache lookup failed") or show
 * in a definition; read again.
 *
 *
 * Catalog columns that differ between versions: {@code pg_trigger.tgparentid} exists from PostgreSQL 13; on 12 a
 * partition's copy of its parent's trigger is internal and found through its {@code pg_depend} of type {@code P}
 * instead. Everything else it reads exists from 12 on ({@code pg_proc.prokind}, {@code pg_attribute.attgenerated},
 * {@code pg_index.indnkeyatts}, {@code pg_constraint.conparentid}); newer columns such as
 * {@code pg_index.indnullsnotdistinct} (15) reach the model through {@code pg_get_indexdef} only.
 */
public final class CatalogReader {

    private static final Set<String> SLIPWAY_TABLES =
            Set.of("slipway_migrations", "slipway_backfills", "slipway_instances", "slipway_locks");

    private CatalogReader() {}

    /**
     * What to leave out of a read besides the system schemas and extensions' objects.
     *
     * @param excludedSchemas schemas left out with everything in them
     * @param excludedTables tables left out with their columns, constraints, indexes, triggers and owned sequences:
     *     a bare name ({@code slipway_migrations}) in any schema, or {@code schema.table} in that schema only
     */
    public record Options(Set<String> excludedSchemas, Set<String> excludedTables) {

        public Options {
            excludedSchemas = Set.copyOf(Objects.requireNonNull(excludedSchemas, "'excludedSchemas' must not be null"));
            excludedTables = Set.copyOf(Objects.requireNonNull(excludedTables, "'excludedTables' must not be null"));
        }

        /** No schema excluded; Slipway's own tables excluded in any schema. */
        public static Options defaults() {
            return new Options(Set.of(), SLIPWAY_TABLES);
        }

        boolean excludesTable(String schema, String table) {
            return excludedTables.contains(table) || excludedTables.contains(schema + "." + table);
        }
    }

    /**
     * What a read cost.
     *
     * @param roundTrips the statements sent to the server, each one round trip
     * @param elapsed the time from the first statement to the model built
     */
    public record Stats(int roundTrips, Duration elapsed) {}

    /**
     * A model with what reading it cost.
     *
     * @param schema the model
     * @param stats round trips and time
     */
    public record Reading(DatabaseSchema schema, Stats stats) {}

    /**
     * Reads the schema of the connection's database.
     *
     * @throws dev.slipway.migrate.UnsupportedDatabaseException if the connection is not to PostgreSQL 12 or newer,
     *     before any SQL is sent
     * @throws SQLException when a query fails
     */
    public static DatabaseSchema read(Connection connection, Options options) throws SQLException {
        return readWithStats(connection, options).schema();
    }

    /** {@link #read}, and what it cost. */
    public static Reading readWithStats(Connection connection, Options options) throws SQLException {
        Objects.requireNonNull(connection, "'connection' must not be null");
        Objects.requireNonNull(options, "'options' must not be null");
        DatabaseProduct.requireSupported(connection);
        long started = System.nanoTime();
        Session session = new Session(connection, options);
        boolean autoCommit = connection.getAutoCommit();
        DatabaseSchema schema;
        if (autoCommit) {
            connection.setAutoCommit(false);
            try {
                session.execute(CatalogQueries.BEGIN_READ_ONLY);
                schema = session.readAll();
                session.roundTrips++;
                connection.rollback();
            } catch (SQLException | RuntimeException e) {
                rollbackAfter(e, connection::rollback);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } else {
            session.execute(CatalogQueries.SAVEPOINT);
            try {
                schema = session.readAll();
            } catch (SQLException | RuntimeException e) {
                rollbackAfter(e, () -> Jdbc.execute(connection, CatalogQueries.ROLLBACK_SAVEPOINT));
                throw e;
            }
            session.execute(CatalogQueries.ROLLBACK_SAVEPOINT);
        }
        return new Reading(schema, new Stats(session.roundTrips, Duration.ofNanos(System.nanoTime() - started)));
    }

    private static void rollbackAfter(Exception failure, Jdbc.Work rollback) {
        try {
            rollback.run();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Identifies a catalog row as {@code pg_depend} does: catalog, OID and sub-id (a column's number). */
    private record Key(String catalog, long oid, int subId) {}

    private static final Comparator<ObjectRef> REF_ORDER = Comparator.comparing(ObjectRef::kind)
            .thenComparing(ObjectRef::name)
            .thenComparing(ObjectRef::member, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** A table being assembled from the rows of several queries. */
    private static final class TableParts {
        final QualifiedName name;
        final ResultRow row;
        final List<Column> columns = new ArrayList<>();
        final List<Constraint> constraints = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();
        final List<Trigger> triggers = new ArrayList<>();

        TableParts(QualifiedName name, ResultRow row) {
            this.name = name;
            this.row = row;
        }
    }

    /** A view being assembled. */
    private static final class ViewParts {
        final QualifiedName name;
        final boolean materialized;
        final String definition;
        final List<String> options;
        final String comment;
        final List<String> columns = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();

        ViewParts(QualifiedName name, boolean materialized, String definition, List<String> options, String comment) {
            this.name = name;
            this.materialized = materialized;
            this.definition = definition;
            this.options = options;
            this.comment = comment;
        }
    }

    /** The table-level fields of a row of {@link CatalogQueries#TABLES}. */
    private record ResultRow(
            String partitionKey,
            boolean partition,
            QualifiedName parent,
            String partitionBound,
            boolean unlogged,
            boolean rowLevelSecurity,
            String comment) {}

    /** One read: the connection, the counter, and the objects by OID while they are joined. */
    private static final class Session {
        private final Connection connection;
        private final Options options;
        private final Array excludedSchemas;
        private int roundTrips;

        private final Map<Key, ObjectRef> refs = new HashMap<>();
        private final Map<Long, TableParts> tables = new LinkedHashMap<>();
        private final Map<Long, ViewParts> views = new LinkedHashMap<>();

        Session(Connection connection, Options options) throws SQLException {
            this.connection = connection;
            this.options = options;
            this.excludedSchemas =
                    connection.createArrayOf("text", options.excludedSchemas().toArray(String[]::new));
        }

        void execute(String sql) throws SQLException {
            roundTrips++;
            Jdbc.execute(connection, sql);
        }

        <T> List<T> query(String sql, Jdbc.RowMapper<T> mapper) throws SQLException {
            roundTrips++;
            return sql.indexOf('?') >= 0
                    ? Jdbc.query(connection, sql, mapper, excludedSchemas)
                    : Jdbc.query(connection, sql, mapper);
        }

        DatabaseSchema readAll() throws SQLException {
            int version = query(CatalogQueries.SETUP, rs -> rs.getInt(2)).get(0);
            List<Namespace> schemas = readSchemas();
            List<Extension> extensions = readExtensions();
            List<EnumType> enums = readEnums();
            readTables();
            List<Sequence> sequences = readSequences();
            readViews();
            readColumns();
            readConstraints();
            readIndexes();
            readTriggers(version);
            List<View> viewList = buildViews();
            List<Table> tableList = buildTables();
            List<Routine> routines = readRoutines();
            List<Dependency> dependencies = readDependencies();
            List<UnsupportedObject> unsupported = readUnsupported();
            return new DatabaseSchema(
                    version,
                    schemas,
                    extensions,
                    enums,
                    sequences,
                    tableList,
                    viewList,
                    routines,
                    dependencies,
                    unsupported);
        }

        private List<Namespace> readSchemas() throws SQLException {
            List<Namespace> schemas =
                    query(CatalogQueries.SCHEMAS, rs -> new Namespace(rs.getString(2), rs.getString(3)));
            schemas.sort(Comparator.comparing(Namespace::name));
            return schemas;
        }

        private List<Extension> readExtensions() throws SQLException {
            List<Extension> extensions = new ArrayList<>();
            for (Object[] row : query(CatalogQueries.EXTENSIONS, rs ->
                    new Object[] {rs.getLong(1), new Extension(rs.getString(2), rs.getString(3), rs.getString(4))})) {
                Extension extension = (Extension) row[1];
                if (options.excludedSchemas().contains(extension.schema())) {
                    continue;
                }
                extensions.add(extension);
                refs.put(
                        new Key("pg_extension", (Long) row[0], 0),
                        new ObjectRef(
                                ObjectRef.Kind.EXTENSION,
                                new QualifiedName(extension.schema(), extension.name()),
                                null));
            }
            extensions.sort(Comparator.comparing(Extension::name));
            return extensions;
        }

        private List<EnumType> readEnums() throws SQLException {
            List<EnumType> enums = query(CatalogQueries.ENUMS, rs -> {
                QualifiedName name = new QualifiedName(rs.getString(3), rs.getString(4));
                refs.put(new Key("pg_type", rs.getLong(1), 0), new ObjectRef(ObjectRef.Kind.TYPE, name, null));
                return new EnumType(name, strings(rs, 5), rs.getString(6));
            });
            enums.sort(Comparator.comparing(EnumType::name));
            return enums;
        }

        private void readTables() throws SQLException {
            query(CatalogQueries.TABLES, rs -> {
                String schema = rs.getString(2);
                String name = rs.getString(3);
                if (options.excludesTable(schema, name)) {
                    return null;
                }
                QualifiedName qualified = new QualifiedName(schema, name);
                boolean partition = rs.getBoolean(8);
                QualifiedName parent = partition ? new QualifiedName(rs.getString(9), rs.getString(10)) : null;
                ResultRow row = new ResultRow(
                        rs.getString(7),
                        partition,
                        parent,
                        rs.getString(11),
                        rs.getBoolean(5),
                        rs.getBoolean(6),
                        rs.getString(12));
                long oid = rs.getLong(1);
                tables.put(oid, new TableParts(qualified, row));
                refs.put(new Key("pg_class", oid, 0), new ObjectRef(ObjectRef.Kind.TABLE, qualified, null));
                return null;
            });
        }

        private List<Sequence> readSequences() throws SQLException {
            List<Sequence> sequences = new ArrayList<>();
            query(CatalogQueries.SEQUENCES, rs -> {
                QualifiedName name = new QualifiedName(rs.getString(2), rs.getString(3));
                String ownerSchema = rs.getString(11);
                ColumnRef ownedBy = ownerSchema == null
                        ? null
                        : new ColumnRef(new QualifiedName(ownerSchema, rs.getString(12)), rs.getString(13));
                if (ownedBy != null
                        && options.excludesTable(ownerSchema, ownedBy.table().name())) {
                    return null;
                }
                refs.put(new Key("pg_class", rs.getLong(1), 0), new ObjectRef(ObjectRef.Kind.SEQUENCE, name, null));
                sequences.add(new Sequence(
                        name,
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getBoolean(10),
                        ownedBy,
                        rs.getString(14)));
                return null;
            });
            sequences.sort(Comparator.comparing(Sequence::name));
            return sequences;
        }

        /** Read before the columns and indexes: those queries fill tables and views alike. */
        private void readViews() throws SQLException {
            query(CatalogQueries.VIEWS, rs -> {
                QualifiedName name = new QualifiedName(rs.getString(2), rs.getString(3));
                boolean materialized = rs.getBoolean(4);
                List<String> reloptions = new ArrayList<>(strings(rs, 6));
                reloptions.sort(Comparator.naturalOrder());
                long oid = rs.getLong(1);
                views.put(oid, new ViewParts(name, materialized, rs.getString(5), reloptions, rs.getString(7)));
                refs.put(
                        new Key("pg_class", oid, 0),
                        new ObjectRef(
                                materialized ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW, name, null));
                return null;
            });
        }

        private void readColumns() throws SQLException {
            query(CatalogQueries.COLUMNS, rs -> {
                long relid = rs.getLong(1);
                int attnum = rs.getInt(2);
                String name = rs.getString(3);
                TableParts table = tables.get(relid);
                if (table != null) {
                    String identity = rs.getString(8);
                    table.columns.add(new Column(
                            name,
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getBoolean(7),
                            identity == null || identity.isEmpty()
                                    ? null
                                    : identity.equals("a") ? Column.Identity.ALWAYS : Column.Identity.BY_DEFAULT,
                            rs.getString(9),
                            rs.getString(11)));
                    refs.put(
                            new Key("pg_class", relid, attnum), new ObjectRef(ObjectRef.Kind.COLUMN, table.name, name));
                } else {
                    ViewParts view = views.get(relid);
                    if (view != null) {
                        view.columns.add(name);
                    }
                }
                return null;
            });
        }

        private void readConstraints() throws SQLException {
            query(CatalogQueries.CONSTRAINTS, rs -> {
                TableParts table = tables.get(rs.getLong(2));
                if (table == null) {
                    return null;
                }
                String name = rs.getString(3);
                String referencedSchema = rs.getString(7);
                table.constraints.add(new Constraint(
                        name,
                        constraintKind(rs.getString(4)),
                        rs.getString(5),
                        strings(rs, 6),
                        referencedSchema == null ? null : new QualifiedName(referencedSchema, rs.getString(8)),
                        rs.getBoolean(9),
                        rs.getBoolean(10),
                        rs.getBoolean(11),
                        rs.getBoolean(12),
                        rs.getString(13)));
                refs.put(
                        new Key("pg_constraint", rs.getLong(1), 0),
                        new ObjectRef(ObjectRef.Kind.CONSTRAINT, table.name, name));
                return null;
            });
        }

        private void readIndexes() throws SQLException {
            query(CatalogQueries.INDEXES, rs -> {
                long owner = rs.getLong(2);
                TableParts table = tables.get(owner);
                ViewParts view = table == null ? views.get(owner) : null;
                if (table == null && view == null) {
                    return null;
                }
                String name = rs.getString(3);
                String parentSchema = rs.getString(10);
                Index index = new Index(
                        name,
                        rs.getString(4),
                        strings(rs, 5),
                        rs.getBoolean(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getBoolean(9),
                        parentSchema == null ? null : new QualifiedName(parentSchema, rs.getString(11)),
                        rs.getString(12));
                (table != null ? table.indexes : view.indexes).add(index);
                refs.put(
                        new Key("pg_class", rs.getLong(1), 0),
                        new ObjectRef(ObjectRef.Kind.INDEX, table != null ? table.name : view.name, name));
                return null;
            });
        }

        private void readTriggers(int version) throws SQLException {
            query(CatalogQueries.triggers(version), rs -> {
                TableParts table = tables.get(rs.getLong(2));
                if (table == null) {
                    return null;
                }
                String name = rs.getString(3);
                table.triggers.add(new Trigger(
                        name,
                        rs.getString(4),
                        new QualifiedName(rs.getString(5), rs.getString(6)),
                        rs.getString(7).charAt(0),
                        rs.getBoolean(8),
                        rs.getString(9)));
                refs.put(
                        new Key("pg_trigger", rs.getLong(1), 0),
                        new ObjectRef(ObjectRef.Kind.TRIGGER, table.name, name));
                return null;
            });
        }

        private List<Table> buildTables() {
            List<Table> result = new ArrayList<>();
            for (TableParts parts : tables.values()) {
                ResultRow row = parts.row;
                parts.constraints.sort(Comparator.comparing(Constraint::name));
                parts.indexes.sort(Comparator.comparing(Index::name));
                parts.triggers.sort(Comparator.comparing(Trigger::name));
                result.add(new Table(
                        parts.name,
                        parts.columns,
                        parts.constraints,
                        parts.indexes,
                        parts.triggers,
                        row.partitionKey(),
                        row.parent(),
                        row.partition() ? row.partitionBound() : null,
                        row.unlogged(),
                        row.rowLevelSecurity(),
                        row.comment()));
            }
            result.sort(Comparator.comparing(Table::name));
            return result;
        }

        private List<View> buildViews() {
            List<View> result = new ArrayList<>();
            for (ViewParts parts : views.values()) {
                parts.indexes.sort(Comparator.comparing(Index::name));
                result.add(new View(
                        parts.name,
                        parts.materialized,
                        parts.definition,
                        parts.columns,
                        parts.options,
                        parts.indexes,
                        parts.comment));
            }
            result.sort(Comparator.comparing(View::name));
            return result;
        }

        private List<Routine> readRoutines() throws SQLException {
            List<Routine> routines = query(CatalogQueries.ROUTINES, rs -> {
                QualifiedName name = new QualifiedName(rs.getString(2), rs.getString(3));
                String arguments = rs.getString(4);
                refs.put(new Key("pg_proc", rs.getLong(1), 0), new ObjectRef(ObjectRef.Kind.ROUTINE, name, arguments));
                return new Routine(name, arguments, rs.getBoolean(5), rs.getString(6), rs.getString(7));
            });
            routines.sort(Comparator.comparing(Routine::name).thenComparing(Routine::identityArguments));
            return routines;
        }

        private List<Dependency> readDependencies() throws SQLException {
            Set<Dependency> dependencies = new TreeSet<>(Comparator.comparing(Dependency::dependent, REF_ORDER)
                    .thenComparing(Dependency::referenced, REF_ORDER));
            query(CatalogQueries.DEPENDENCIES, rs -> {
                ObjectRef dependent = resolve(new Key(rs.getString(1), rs.getLong(2), rs.getInt(3)));
                ObjectRef referenced = resolve(new Key(rs.getString(4), rs.getLong(5), rs.getInt(6)));
                if (dependent != null && referenced != null && !dependent.equals(referenced)) {
                    dependencies.add(new Dependency(dependent, referenced));
                }
                return null;
            });
            return new ArrayList<>(dependencies);
        }

        /** The modelled object a catalog row is, or is part of (a view's column is its view); null if none. */
        private ObjectRef resolve(Key key) {
            ObjectRef ref = refs.get(key);
            if (ref == null && key.subId() != 0) {
                ref = refs.get(new Key(key.catalog(), key.oid(), 0));
            }
            return ref;
        }

        private List<UnsupportedObject> readUnsupported() throws SQLException {
            List<UnsupportedObject> unsupported = new ArrayList<>();
            query(CatalogQueries.UNSUPPORTED, rs -> {
                String table = rs.getString(4);
                if (table == null || !options.excludesTable(rs.getString(3), table)) {
                    unsupported.add(new UnsupportedObject(rs.getString(1), rs.getString(2)));
                }
                return null;
            });
            unsupported.sort(Comparator.comparing(UnsupportedObject::kind).thenComparing(UnsupportedObject::name));
            return unsupported;
        }
    }

    private static Constraint.Kind constraintKind(String contype) {
        return switch (contype) {
            case "p" -> Constraint.Kind.PRIMARY_KEY;
            case "u" -> Constraint.Kind.UNIQUE;
            case "c" -> Constraint.Kind.CHECK;
            case "f" -> Constraint.Kind.FOREIGN_KEY;
            case "x" -> Constraint.Kind.EXCLUSION;
            default -> throw new IllegalStateException("Unexpected pg_constraint.contype " + contype);
        };
    }

    /** A {@code text[]} column as a list (empty for SQL {@code NULL}); elements may be null. */
    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
