package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.internal.sql.Tokens;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the migrations of one run create, as the linter reads them in order: a table, view or index created by the
 * run did not exist before it, so no running instance uses it, and a column the run added to an older table is
 * unknown to the instances of the version before the deploy. Only what the statements say they create counts as
 * new; a table created inside a function or a {@code DO} block, or whose name may mean a table from before the run
 * (a relation of the same name in another schema on the search path, or in a schema that a statement of the run
 * names), counts as a live one.
 * <ul>
 *   <li>{@code CREATE ... IF NOT EXISTS} creates nothing when the relation exists before the run (and was not
 *       dropped in it) or was created earlier in the run.</li>
 *   <li>A relation dropped in the run and created again is new; one renamed keeps being what it was.</li>
 * </ul>
 */
final class RunObjects {

    private final LiveSchema before;
    /** Relation names created by the run, with the schema they were created in. */
    private final Map<String, String> created = new HashMap<>();
    /** Names of relations from before the run that the run dropped or renamed away. */
    private final Set<String> gone = new HashSet<>();
    /** Names that relations from before the run were renamed to. */
    private final Set<String> renamedIn = new HashSet<>();

    private final Set<String> newColumns = new HashSet<>();
    private final Set<String> goneColumns = new HashSet<>();
    /** Schemas that statements of the run named as the qualifier of a name. */
    private final Set<String> mentioned = new HashSet<>();

    RunObjects(LiveSchema before) {
        this.before = before;
    }

    /** Whether the run created the relation of this name (and no relation from before the run may be meant). */
    boolean isNew(String name) {
        String schema = created.get(name);
        if (schema == null) {
            return false;
        }
        return gone.contains(name)
                || before.schemasHolding(name).stream()
                        .allMatch(other ->
                                other.equals(schema) || !before.onSearchPath(other) && !mentioned.contains(other));
    }

    /** A schema-qualified name in a statement of the run: a table of that schema may be meant from now on. */
    void mentioned(String schema) {
        mentioned.add(schema);
    }

    /**
     * A {@code CREATE} of a relation; returns whether it creates one (not when {@code IF NOT EXISTS} finds one).
     */
    boolean created(Tokens.Name name, boolean ifNotExists) {
        String schema = name.parts().size() > 1 ? name.parts().get(name.parts().size() - 2) : before.creationSchema();
        String key = name.key();
        if (ifNotExists
                && (created.containsKey(key)
                        || renamedIn.contains(key)
                        || before.schemasHolding(key).contains(schema) && !gone.contains(key))) {
            return false;
        }
        created.put(key, schema);
        return true;
    }

    void dropped(String name) {
        if (created.remove(name) == null) {
            if (before.schemasHolding(name).size() <= 1) {
                gone.add(name);
            }
            renamedIn.remove(name);
        }
        newColumns.removeIf(column -> column.startsWith(name + '\0'));
    }

    void renamed(String from, String to) {
        String schema = created.remove(from);
        if (schema != null) {
            created.put(to, schema);
        } else {
            if (before.schemasHolding(from).size() <= 1) {
                gone.add(from);
            }
            renamedIn.add(to);
        }
        for (String column : Set.copyOf(newColumns)) {
            if (column.startsWith(from + '\0')) {
                newColumns.remove(column);
                newColumns.add(to + column.substring(from.length()));
            }
        }
    }

    /** {@code ADD COLUMN} on a table the run did not create. */
    void addedColumn(String table, String column, boolean ifNotExists) {
        String key = key(table, column);
        if (ifNotExists
                && (newColumns.contains(key) || before.hasColumn(table, column) && !goneColumns.contains(key))) {
            return;
        }
        newColumns.add(key);
    }

    void droppedColumn(String table, String column) {
        newColumns.remove(key(table, column));
        goneColumns.add(key(table, column));
    }

    void renamedColumn(String table, String from, String to) {
        if (newColumns.remove(key(table, from))) {
            newColumns.add(key(table, to));
        }
    }

    boolean isNewColumn(String table, String column) {
        return newColumns.contains(key(table, column));
    }

    private static String key(String table, String column) {
        return table + '\0' + column;
    }
}
