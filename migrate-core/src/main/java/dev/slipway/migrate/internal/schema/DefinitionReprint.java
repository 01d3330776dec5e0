package dev.slipway.migrate.internal.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Re-creates the definitions of a database Slipway owns (a scratch database where migrations were replayed or schema
 * files applied) from the text PostgreSQL prints for them, so that the text read afterwards is a fixed point.
 *
 * <p>Why: the catalog stores parse trees, not the SQL a user wrote. PostgreSQL prints a tree back as SQL that, parsed
 * again, does not always give the same tree: {@code status IN ('a', 'b')} over a {@code varchar} column is printed
 * as {@code (status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])}, which parsed
 * again gains casts; {@code AND} chains gain parentheses. A plan can only carry the printed text, so a database the
 * plan is applied to ends up with the text of the printed form, and a second diff against the database the user's
 * SQL made would never be empty. Reprinting the target side makes both hold the printed form.
 *
 * <p>Algorithm, at most {@value #MAX_ROUNDS} rounds, each in one transaction with {@code search_path = ''} (so the
 * printed text qualifies every name):
 *
 * <ol>
 *   <li>read, in one query, the printed definitions of: local {@code CHECK} constraints of tables (not domains, not
 *       inherited), views, materialized views, and indexes with an expression or a predicate that belong to no
 *       constraint and are not part of a partitioned index;
 *   <li>in the first round all of them, in later rounds only those whose text the previous round changed, are made
 *       again from that text in one batch: a check dropped and added in one {@code ALTER TABLE} with its name, its
 *       {@code NOT VALID} state and its comment; a view {@code CREATE OR REPLACE VIEW} with its options; an index
 *       dropped and created with its comment; a materialized view without dependent views dropped and created with
 *       its indexes, comments and populated state, only when a temporary view of its query prints differently;
 *   <li>read again; stop when no text changed.
 * </ol>
 *
 * When a batch fails (a printed text that PostgreSQL cannot read back), each object is tried on its own and the ones
 * that fail keep their definition. Never used on a database Slipway does not own (a {@code url:} source).
 */
public final class DefinitionReprint {

    static final int MAX_ROUNDS = 3;

    private static final String OBJECTS = """
            SELECT 'c' AS kind, 'c' || c.conrelid::regclass || '.' || pg_catalog.quote_ident(c.conname) AS key, pg_catalog.pg_get_constraintdef(c.oid) AS definition,
                   pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I, ADD CONSTRAINT %I %s', c.conrelid::regclass,
                       c.conname, c.conname, pg_catalog.pg_get_constraintdef(c.oid)) AS make,
                   pg_catalog.format('COMMENT ON CONSTRAINT %I ON %s IS %L', c.conname, c.conrelid::regclass,
                       d.description) AS comment
            FROM pg_catalog.pg_constraint c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace
            LEFT JOIN pg_catalog.pg_description d
                   ON d.classoid = 'pg_catalog.pg_constraint'::regclass AND d.objoid = c.oid AND d.objsubid = 0
            WHERE c.contype = 'c' AND c.conrelid <> 0 AND c.conislocal AND c.coninhcount = 0
              AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                              WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.conrelid
                                AND e.deptype = 'e')
            UNION ALL
            SELECT 'v', 'v' || r.oid::regclass, pg_catalog.pg_get_viewdef(r.oid),
                   pg_catalog.format('CREATE OR REPLACE VIEW %s%s AS %s', r.oid::regclass,
                       CASE WHEN r.reloptions IS NULL THEN ''
                            ELSE ' WITH (' || pg_catalog.array_to_string(r.reloptions, ', ') || ')' END,
                       pg_catalog.pg_get_viewdef(r.oid)),
                   NULL
            FROM pg_catalog.pg_class r
            JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
            WHERE r.relkind = 'v'
              AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                              WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = r.oid
                                AND e.deptype = 'e')
            UNION ALL
            SELECT 'm', 'm' || r.oid::regclass, pg_catalog.pg_get_viewdef(r.oid),
                   pg_catalog.format('DROP MATERIALIZED VIEW %s', r.oid::regclass) || E';\\n'
                   || pg_catalog.format('CREATE MATERIALIZED VIEW %s%s AS %s WITH %s', r.oid::regclass,
                       CASE WHEN r.reloptions IS NULL THEN ''
                            ELSE ' WITH (' || pg_catalog.array_to_string(r.reloptions, ', ') || ')' END,
                       pg_catalog.rtrim(pg_catalog.pg_get_viewdef(r.oid), ';'),
                       CASE WHEN r.relispopulated THEN 'DATA' ELSE 'NO DATA' END)
                   || COALESCE((SELECT pg_catalog.string_agg(E';\\n' || pg_catalog.pg_get_indexdef(i.indexrelid)
                                    || COALESCE(E';\\n' || pg_catalog.format('COMMENT ON INDEX %s IS %L',
                                        i.indexrelid::regclass, pg_catalog.obj_description(i.indexrelid, 'pg_class')),
                                        ''), '' ORDER BY i.indexrelid)
                                FROM pg_catalog.pg_index i WHERE i.indrelid = r.oid), '')
                   || COALESCE((SELECT pg_catalog.string_agg(E';\\n' || CASE WHEN d.objsubid = 0
                                    THEN pg_catalog.format('COMMENT ON MATERIALIZED VIEW %s IS %L', r.oid::regclass,
                                        d.description)
                                    ELSE pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', r.oid::regclass,
                                        a.attname, d.description) END, '' ORDER BY d.objsubid)
                                FROM pg_catalog.pg_description d
                                LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum = d.objsubid
                                WHERE d.classoid = 'pg_catalog.pg_class'::regclass AND d.objoid = r.oid), ''),
                   NULL
            FROM pg_catalog.pg_class r
            JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
            WHERE r.relkind = 'm'
              AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                              WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = r.oid
                                AND e.deptype = 'e')
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                              JOIN pg_catalog.pg_rewrite w ON w.oid = dep.objid
                              WHERE dep.classid = 'pg_catalog.pg_rewrite'::regclass
                                AND dep.refclassid = 'pg_catalog.pg_class'::regclass
                                AND dep.refobjid = r.oid AND w.ev_class <> r.oid)
            UNION ALL
            SELECT 'i', 'i' || i.indexrelid::regclass, pg_catalog.pg_get_indexdef(i.indexrelid),
                   pg_catalog.format('DROP INDEX %s', i.indexrelid::regclass) || E';\\n'
                   || pg_catalog.pg_get_indexdef(i.indexrelid),
                   pg_catalog.format('COMMENT ON INDEX %s IS %L', i.indexrelid::regclass,
                       pg_catalog.obj_description(i.indexrelid, 'pg_class'))
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid
            JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = x.relnamespace
            WHERE (i.indexprs IS NOT NULL OR i.indpred IS NOT NULL)
              AND x.relkind = 'i' AND t.relkind IN ('r', 'm')
              AND NOT i.indisclustered AND NOT i.indisreplident
              AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid)
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = i.indexrelid)
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                              WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = i.indrelid
                                AND e.deptype = 'e')
            """;

    private DefinitionReprint() {}

    /** One object: its printed definition, the statements that make it again from that text, and its comment. */
    private record Printed(String kind, String key, String definition, String make, String extra) {}

    /**
     * Reprints the definitions of the database until they are a fixed point (see the class comment).
     *
     * @param connection a connection to a database Slipway owns; its auto-commit mode is restored
     * @return how many objects were made again in all rounds
     */
    public static int apply(Connection connection) throws SQLException {
        Objects.requireNonNull(connection, "'connection' must not be null");
        boolean autoCommit = connection.getAutoCommit();
        try {
            connection.setAutoCommit(false);
            int made = 0;
            Map<String, Printed> previous = null;
            Set<String> todo = null;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Map<String, Printed> current = read(connection);
                if (previous != null) {
                    Map<String, Printed> before = previous;
                    todo = current.keySet().stream()
                            .filter(k -> before.containsKey(k)
                                    && !before.get(k)
                                            .definition()
                                            .equals(current.get(k).definition()))
                            .collect(Collectors.toSet());
                    if (todo.isEmpty()) {
                        break;
                    }
                }
                Set<String> chosen = todo;
                List<Printed> objects = current.values().stream()
                        .filter(p -> chosen == null || chosen.contains(p.key()))
                        .toList();
                objects = withChangedMaterializedViews(connection, objects);
                if (objects.isEmpty()) {
                    break;
                }
                made += remake(connection, objects);
                previous = current;
            }
            return made;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Map<String, Printed> read(Connection connection) throws SQLException {
        Map<String, Printed> objects = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL search_path = ''");
            try (ResultSet rows = statement.executeQuery(OBJECTS)) {
                while (rows.next()) {
                    Printed printed = new Printed(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5));
                    objects.put(printed.key(), printed);
                }
            }
        }
        connection.commit();
        return objects;
    }

    /**
     * The objects with the materialized views among them kept only when a temporary view of their query prints
     * differently (they are dropped and created to be made again, which is worth avoiding).
     */
    private static List<Printed> withChangedMaterializedViews(Connection connection, List<Printed> objects)
            throws SQLException {
        List<Printed> views = objects.stream().filter(p -> p.kind().equals("m")).toList();
        if (views.isEmpty()) {
            return objects;
        }
        Set<String> changed = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL search_path = ''");
            int probe = 0;
            for (Printed view : views) {
                String name = "pg_temp.slipway_reprint_" + ++probe;
                statement.execute("SAVEPOINT slipway_reprint");
                try {
                    statement.execute("CREATE TEMPORARY VIEW " + name + " AS " + view.definition());
                    try (ResultSet row =
                            statement.executeQuery("SELECT pg_catalog.pg_get_viewdef('" + name + "'::regclass)")) {
                        row.next();
                        if (!row.getString(1).equals(view.definition())) {
                            changed.add(view.key());
                        }
                    }
                    statement.execute("RELEASE SAVEPOINT slipway_reprint");
                } catch (SQLException e) {
                    statement.execute("ROLLBACK TO SAVEPOINT slipway_reprint");
                }
            }
        } finally {
            connection.rollback();
        }
        return objects.stream()
                .filter(p -> !p.kind().equals("m") || changed.contains(p.key()))
                .toList();
    }

    /** Makes the objects again in one batch; when it fails, each on its own. How many were made again. */
    private static int remake(Connection connection, List<Printed> objects) throws SQLException {
        List<String> batch = new ArrayList<>();
        for (Printed object : objects) {
            batch.add(statements(object));
        }
        if (run(connection, String.join(";\n", batch))) {
            return objects.size();
        }
        int made = 0;
        for (String statements : batch) {
            if (run(connection, statements)) {
                made++;
            }
        }
        return made;
    }

    private static String statements(Printed object) {
        String make = Ddl.statement(object.make());
        boolean commented = object.extra() != null && !object.extra().endsWith(" IS NULL");
        return (object.kind().equals("c") || object.kind().equals("i")) && commented
                ? make + ";\n" + object.extra()
                : make;
    }

    private static boolean run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL search_path = ''");
            statement.execute(sql);
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            return false;
        }
    }
}
