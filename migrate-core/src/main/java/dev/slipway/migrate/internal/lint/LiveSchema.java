package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.internal.postgres.RunSnapshot;
import dev.slipway.migrate.internal.sql.Tokens;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live schema as it was before a run, for the linter at {@code migrate()} and {@code contract()}: which
 * relations exist (by name, in which schemas) and the column types of the tables. Tables are known by the stored
 * name of their last part, as in {@link SchemaModel}; where several schemas hold a table of one name, the column
 * types are those of the one found first on the search path.
 */
public final class LiveSchema {

    private final List<String> searchPath;
    private final Map<String, Set<String>> relations = new HashMap<>();
    private final Map<String, Map<String, ColumnType>> columns = new HashMap<>();
    private final Map<String, Set<String>> notNull = new HashMap<>();

    private LiveSchema(List<String> searchPath) {
        this.searchPath = searchPath;
    }

    /** The live schema of a catalog snapshot. */
    public static LiveSchema of(RunSnapshot snapshot) {
        LiveSchema live = new LiveSchema(snapshot.searchPath());
        Map<String, RunSnapshot.Relation> shownTables = new HashMap<>();
        Comparator<RunSnapshot.Relation> byPath = Comparator.comparingInt((RunSnapshot.Relation r) -> {
                    int at = snapshot.searchPath().indexOf(r.schema());
                    return at < 0 ? Integer.MAX_VALUE : at;
                })
                .thenComparing(RunSnapshot.Relation::schema);
        for (RunSnapshot.Relation relation : snapshot.relations()) {
            live.relations
                    .computeIfAbsent(relation.name(), name -> new TreeSet<>())
                    .add(relation.schema());
            if (relation.isTable()) {
                shownTables.merge(relation.name(), relation, (a, b) -> byPath.compare(a, b) <= 0 ? a : b);
            }
        }
        for (RunSnapshot.Column column : snapshot.columns()) {
            RunSnapshot.Relation table = snapshot.relation(column.table());
            if (table == null || shownTables.get(table.name()) != table) {
                continue;
            }
            live.columns
                    .computeIfAbsent(table.name(), name -> new LinkedHashMap<>())
                    .put(
                            column.name(),
                            ColumnType.read(
                                    Tokens.of(column.type()),
                                    0,
                                    Tokens.of(column.type()).size()));
            if (column.notNull()) {
                live.notNull
                        .computeIfAbsent(table.name(), name -> new TreeSet<>())
                        .add(column.name());
            }
        }
        return live;
    }

    /** The schema an unqualified {@code CREATE} puts a relation in: the first of the search path. */
    String creationSchema() {
        return searchPath.isEmpty() ? "" : searchPath.get(0);
    }

    boolean onSearchPath(String schema) {
        return searchPath.contains(schema);
    }

    /** The schemas that held a relation (table, view, index, ...) of this stored name before the run. */
    Set<String> schemasHolding(String name) {
        return relations.getOrDefault(name, Set.of());
    }

    boolean hasColumn(String table, String column) {
        return columns.getOrDefault(table, Map.of()).containsKey(column);
    }

    /**
     * Writes what the catalog says into the model, over what the files said: the column types of every table, and
     * the columns already {@code NOT NULL}.
     */
    void seed(SchemaModel model) {
        columns.forEach((table, types) -> {
            model.dropTable(table);
            types.forEach((column, type) -> model.column(table, column, type));
        });
        notNull.forEach((table, names) -> names.forEach(column -> model.notNullCheck(table, null, column, true)));
    }
}
