package dev.slipway.migrate.internal.schema;

/**
 * The SQL {@link CatalogReader} runs: one query per kind of object, each over the whole database (never one per
 * table). Every query that lists objects of user schemas takes one parameter, the excluded schemas as a
 * {@code text[]}, and leaves out the system schemas and the objects an extension owns ({@code pg_depend} type
 * {@code e}). OIDs are read only to join the rows in Java; the model holds none.
 *
 * <p>They run with {@code search_path = ''}, so {@code pg_get_*def} and {@code format_type} qualify every name
 * outside {@code pg_catalog}.
 */
final class CatalogQueries {

    /** Sets up the read-only transaction; must be the first statement of the transaction. */
    static final String BEGIN_READ_ONLY = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    /** Runs inside the caller's transaction, undone by {@link #ROLLBACK_SAVEPOINT}. */
    static final String SAVEPOINT = "SAVEPOINT slipway_catalog_read";

    static final String ROLLBACK_SAVEPOINT =
            "ROLLBACK TO SAVEPOINT slipway_catalog_read; RELEASE SAVEPOINT slipway_catalog_read";

    /** Empty search path for the rest of the transaction, and the server's version. */
    static final String SETUP =
            "SELECT set_config('search_path', '', true), current_setting('server_version_num')::int";

    /** A schema of user objects: not a system schema ({@code pg_*} covers toast and temporary schemas), not excluded. */
    private static final String USER_SCHEMA = "(n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
            + " AND NOT (n.nspname = ANY (?::text[])))";

    /**
     * {@code UNION ALL} branch listing the objects of one catalog that live in a user schema and belong to no
     * extension, as {@code (kind, schema.name, NULL, schema)}.
     */
    private static String inSchema(String kind, String catalog, String alias, String nameColumn, String schemaColumn) {
        return " UNION ALL SELECT '" + kind + "', n.nspname || '.' || " + alias + "." + nameColumn + ", NULL, n.nspname"
                + " FROM " + catalog + " " + alias + " JOIN ns n ON n.oid = " + alias + "." + schemaColumn
                + " WHERE " + notExtensionMember(catalog, alias + ".oid");
    }

    private static String notExtensionMember(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = "
                + oid + " AND e.deptype = 'e')";
    }

    /** Not owned by an extension, and not an internal part of another object (an array type, a range's function). */
    private static String standalone(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = "
                + oid + " AND e.deptype IN ('e', 'i'))";
    }

    private static String description(String alias, String catalog, String oid, String subid) {
        return " LEFT JOIN pg_description " + alias + " ON " + alias + ".objoid = " + oid + " AND " + alias
                + ".classoid = '" + catalog + "'::regclass AND " + alias + ".objsubid = " + subid;
    }

    static final String SCHEMAS = "SELECT n.oid, n.nspname, d.description FROM pg_namespace n"
            + description("d", "pg_namespace", "n.oid", "0")
            + " WHERE " + USER_SCHEMA + " AND " + notExtensionMember("pg_namespace", "n.oid");

    /** Every extension, whatever schema it is in (plpgsql's is pg_catalog); filtered by excluded schema in Java. */
    static final String EXTENSIONS = "SELECT x.oid, x.extname, n.nspname, x.extversion FROM pg_extension x"
            + " JOIN pg_namespace n ON n.oid = x.extnamespace";

    static final String ENUMS = "SELECT t.oid, t.typarray, n.nspname, t.typname,"
            + " ARRAY(SELECT l.enumlabel::text FROM pg_enum l WHERE l.enumtypid = t.oid ORDER BY l.enumsortorder),"
            + " d.description"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + description("d", "pg_type", "t.oid", "0")
            + " WHERE t.typtype = 'e' AND " + USER_SCHEMA + " AND " + notExtensionMember("pg_type", "t.oid");

    /** Sequences that are no identity column's own ({@code pg_depend} type {@code i}); owner by type {@code a}. */
    static final String SEQUENCES = "SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL),"
            + " s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,"
            + " o.nspname, o.relname, o.attname, d.description"
            + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN LATERAL (SELECT tn.nspname, t.relname, a.attname FROM pg_depend dep"
            + " JOIN pg_class t ON t.oid = dep.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
            + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = dep.refobjsubid"
            + " WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid"
            + " AND dep.refclassid = 'pg_class'::regclass AND dep.refobjsubid > 0 AND dep.deptype = 'a'"
            + " LIMIT 1) o ON true"
            + description("d", "pg_class", "c.oid", "0")
            + " WHERE " + USER_SCHEMA + " AND " + standalone("pg_class", "c.oid");

    /**
     * Tables, partitioned tables and partitions (not typed tables, which are unsupported), with a traditional
     * inheritance parent, if any, to list as unsupported.
     */
    static final String TABLES = "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence = 'u',"
            + " c.relrowsecurity, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
            + " c.relispartition, pn.nspname, p.relname,"
            + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, d.description"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhseqno = 1"
            + " LEFT JOIN pg_class p ON p.oid = i.inhparent"
            + " LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace"
            + description("d", "pg_class", "c.oid", "0")
            + " WHERE c.relkind IN ('r', 'p') AND c.reloftype = 0 AND " + USER_SCHEMA
            + " AND " + notExtensionMember("pg_class", "c.oid");

    /**
     * Columns of tables, views and materialized views in {@code attnum} order; the collation only where it is not
     * the type's; the default only where it is no identity or generation expression; an identity column's
     * sequence options.
     */
    static final String COLUMNS = "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
            + " CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation"
            + " THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,"
            + " CASE WHEN a.attidentity = '' AND a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,"
            + " a.attnotnull, a.attidentity,"
            + " CASE WHEN a.attgenerated = 's' THEN pg_get_expr(ad.adbin, ad.adrelid) END, ad.oid, d.description,"
            + " ids.seqstart, ids.seqincrement, ids.seqmin, ids.seqmax, ids.seqcache, ids.seqcycle"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
            + " LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace"
            + " LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
            + " LEFT JOIN LATERAL (SELECT s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle"
            + " FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid"
            + " WHERE a.attidentity <> '' AND dep.classid = 'pg_class'::regclass"
            + " AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid"
            + " AND dep.refobjsubid = a.attnum AND dep.deptype = 'i' LIMIT 1) ids ON true"
            + description("d", "pg_class", "a.attrelid", "a.attnum")
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND " + USER_SCHEMA
            + " ORDER BY a.attrelid, a.attnum";

    /**
     * Table constraints (not {@code NOT NULL}, not a domain's). A foreign key that references a partitioned table
     * has a copy per referenced partition on the same referencing table ({@code child_parent_id_fkey1},
     * {@code conparentid} set), which PostgreSQL makes and drops with the key itself: those are left out, as
     * {@code pg_dump} does; a partition's copy of its parent's constraint stays, marked inherited.
     */
    static final String CONSTRAINTS = "SELECT con.oid, con.conrelid, con.conname, con.contype,"
            + " pg_get_constraintdef(con.oid),"
            + " ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)"
            + " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),"
            + " rn.nspname, r.relname, con.convalidated, con.condeferrable, con.condeferred, NOT con.conislocal,"
            + " d.description"
            + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_class r ON r.oid = con.confrelid"
            + " LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace"
            + description("d", "pg_constraint", "con.oid", "0")
            + " WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') AND c.relkind IN ('r', 'p') AND " + USER_SCHEMA
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint pc WHERE pc.oid = con.conparentid"
            + " AND pc.conrelid = con.conrelid)";

    /**
     * Indexes of tables and materialized views: key columns (an expression key as null), the constraint an index
     * backs, the parent index of a partition's index.
     */
    static final String INDEXES = "SELECT i.indexrelid, i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid),"
            + " ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)"
            + " LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0"
            + " WHERE k.ord <= i.indnkeyatts ORDER BY k.ord),"
            + " i.indisunique, con.conname, pg_get_expr(i.indpred, i.indrelid), i.indisvalid,"
            + " pn.nspname, pi.relname, d.description"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid"
            + " AND con.contype IN ('p', 'u', 'x')"
            + " LEFT JOIN pg_inherits inh ON inh.inhrelid = i.indexrelid"
            + " LEFT JOIN pg_class pi ON pi.oid = inh.inhparent"
            + " LEFT JOIN pg_namespace pn ON pn.oid = pi.relnamespace"
            + description("d", "pg_class", "i.indexrelid", "0")
            + " WHERE c.relkind IN ('r', 'p', 'm') AND " + USER_SCHEMA;

    /**
     * Triggers of tables (those of views are in {@link #UNSUPPORTED}). PostgreSQL 13 and newer mark a partition's
     * copy of its parent's trigger with {@code tgparentid}; 12 makes such a copy internal and ties it to the
     * parent's trigger with a {@code pg_depend} of type {@code P}.
     */
    static String triggers(int serverVersionNum) {
        boolean parentColumn = serverVersionNum >= 130000;
        String inherited = parentColumn
                ? "t.tgparentid <> 0"
                : "EXISTS (SELECT 1 FROM pg_depend pd WHERE pd.classid = 'pg_trigger'::regclass"
                        + " AND pd.objid = t.oid AND pd.refclassid = 'pg_trigger'::regclass AND pd.deptype = 'P')";
        // on 13 and newer a foreign key's internal triggers on partitions may have a parent too: never list them
        String listed = parentColumn ? "NOT t.tgisinternal" : "(NOT t.tgisinternal OR " + inherited + ")";
        return "SELECT t.oid, t.tgrelid, t.tgname, pg_get_triggerdef(t.oid), fn.nspname, f.proname,"
                + " t.tgenabled, " + inherited + ", d.description"
                + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_proc f ON f.oid = t.tgfoid JOIN pg_namespace fn ON fn.oid = f.pronamespace"
                + description("d", "pg_trigger", "t.oid", "0")
                + " WHERE " + listed + " AND c.relkind IN ('r', 'p')"
                + " AND " + USER_SCHEMA;
    }

    /**
     * Views and materialized views. The definition is {@code pg_get_viewdef(oid)}, not the pretty form: PostgreSQL's documentation recommends the
     * plain form for anything that is run again, as {@code pg_dump} does.
     */
    static final String VIEWS = "SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid),"
            + " c.reloptions::text[], d.description"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + description("d", "pg_class", "c.oid", "0")
            + " WHERE c.relkind IN ('v', 'm') AND " + USER_SCHEMA + " AND " + notExtensionMember("pg_class", "c.oid");

    /** Functions and procedures; aggregates and window functions are in {@link #UNSUPPORTED}. */
    static final String ROUTINES = "SELECT p.oid, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),"
            + " p.prokind = 'p', pg_get_functiondef(p.oid), d.description"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + description("d", "pg_proc", "p.oid", "0")
            + " WHERE p.prokind IN ('f', 'p') AND " + USER_SCHEMA + " AND " + standalone("pg_proc", "p.oid");

    /**
     * Normal and automatic dependencies of user objects (OID at or above 16384, {@code FirstNormalObjectId}), each
     * side brought to the object the model names: a view's rule to its view, a column default to its column, an
     * array type to its element type, a table's row type to its table, an extension's member to its extension.
     * {@link CatalogReader} then keeps the pairs whose both sides it read.
     */
    static final String DEPENDENCIES = "WITH d AS (SELECT classid, objid, objsubid, refclassid, refobjid, refobjsubid"
            + " FROM pg_depend WHERE deptype IN ('n', 'a') AND objid >= 16384"
            + " AND refclassid <> 'pg_namespace'::regclass)"
            + " SELECT " + normalized("classid", "objid", "objsubid", "o") + ", "
            + normalized("refclassid", "refobjid", "refobjsubid", "r")
            + " FROM d" + normalizing("classid", "objid", "o") + normalizing("refclassid", "refobjid", "r");

    private static String normalized(String classid, String objid, String subid, String p) {
        return "CASE WHEN " + p + "x.refobjid IS NOT NULL THEN 'pg_extension'"
                + " WHEN " + p + "rw.ev_class IS NOT NULL OR " + p + "ad.adrelid IS NOT NULL"
                + " OR " + p + "rt.typrelid IS NOT NULL THEN 'pg_class'"
                + " ELSE d." + classid + "::regclass::text END,"
                + " COALESCE(" + p + "x.refobjid, " + p + "rw.ev_class, " + p + "ad.adrelid, " + p + "el.oid, "
                + p + "rt.typrelid, d." + objid + ")::bigint,"
                + " CASE WHEN " + p + "x.refobjid IS NOT NULL OR " + p + "rw.ev_class IS NOT NULL"
                + " OR " + p + "el.oid IS NOT NULL OR " + p + "rt.typrelid IS NOT NULL THEN 0"
                + " WHEN " + p + "ad.adrelid IS NOT NULL THEN " + p + "ad.adnum::int ELSE d." + subid + " END";
    }

    private static String normalizing(String classid, String objid, String p) {
        return " LEFT JOIN pg_type " + p + "el ON d." + classid + " = 'pg_type'::regclass AND " + p
                + "el.typarray = d." + objid
                // an array of an extension's type is the extension's too
                + " LEFT JOIN pg_depend " + p + "x ON " + p + "x.classid = d." + classid + " AND " + p
                + "x.objid = COALESCE(" + p + "el.oid, d." + objid + ") AND " + p + "x.deptype = 'e'"
                + " LEFT JOIN pg_rewrite " + p + "rw ON d." + classid + " = 'pg_rewrite'::regclass AND " + p
                + "rw.oid = d." + objid + " AND " + p + "rw.rulename = '_RETURN'"
                + " LEFT JOIN pg_attrdef " + p + "ad ON d." + classid + " = 'pg_attrdef'::regclass AND " + p
                + "ad.oid = d." + objid
                + " LEFT JOIN pg_type " + p + "rt ON d." + classid + " = 'pg_type'::regclass AND " + p
                + "rt.oid = d." + objid + " AND " + p + "rt.typrelid <> 0";
    }

    /**
     * Objects of kinds the model does not hold, as (kind, name, schema, table): the table is that of an object that
     * belongs to one (a policy, a rule, a view's trigger), so that an excluded table's are left out too. Objects of
     * the database outside schemas (casts, foreign servers, publications...) come last, without schema.
     */
    static final String UNSUPPORTED = "WITH ns AS (SELECT n.oid, n.nspname FROM pg_namespace n WHERE " + USER_SCHEMA
            + ")"
            + " SELECT kind, name, u.nspname, tbl FROM ("
            // domains, composite types (not a table's row type), range and base types, arrays and multiranges aside
            + "SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite type' WHEN 'r' THEN 'range type'"
            + " WHEN 'm' THEN 'multirange type' WHEN 'p' THEN 'pseudo-type' ELSE 'base type' END AS kind,"
            + " n.nspname || '.' || t.typname AS name, NULL AS tbl, n.nspname AS nspname"
            + " FROM pg_type t JOIN ns n ON n.oid = t.typnamespace"
            + " LEFT JOIN pg_class tc ON tc.oid = t.typrelid"
            + " WHERE t.typtype IN ('b', 'd', 'c', 'r', 'm', 'p') AND (t.typrelid = 0 OR tc.relkind = 'c')"
            + " AND " + standalone("pg_type", "t.oid")
            // policies
            + " UNION ALL SELECT 'policy', pol.polname || ' on ' || n.nspname || '.' || c.relname,"
            + " c.relname, n.nspname"
            + " FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid"
            + " JOIN ns n ON n.oid = c.relnamespace"
            // rules other than a view's query
            + " UNION ALL SELECT 'rule', rw.rulename || ' on ' || n.nspname || '.' || c.relname,"
            + " c.relname, n.nspname"
            + " FROM pg_rewrite rw JOIN pg_class c ON c.oid = rw.ev_class"
            + " JOIN ns n ON n.oid = c.relnamespace WHERE rw.rulename <> '_RETURN'"
            // aggregates and window functions
            + " UNION ALL SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' ELSE 'window function' END,"
            + " n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL,"
            + " n.nspname FROM pg_proc p JOIN ns n ON n.oid = p.pronamespace"
            + " WHERE p.prokind IN ('a', 'w') AND " + standalone("pg_proc", "p.oid")
            // foreign tables, typed tables, composite-type relations aside (above)
            + " UNION ALL SELECT CASE WHEN c.relkind = 'f' THEN 'foreign table' ELSE 'typed table' END,"
            + " n.nspname || '.' || c.relname, c.relname, n.nspname"
            + " FROM pg_class c JOIN ns n ON n.oid = c.relnamespace"
            + " WHERE (c.relkind = 'f' OR (c.relkind IN ('r', 'p') AND c.reloftype <> 0))"
            + " AND " + notExtensionMember("pg_class", "c.oid")
            // traditional inheritance (a partition's parent is modelled)
            + " UNION ALL SELECT 'table inheritance', n.nspname || '.' || c.relname || ' inherits '"
            + " || pn.nspname || '.' || p.relname, c.relname, n.nspname"
            + " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent"
            + " JOIN ns n ON n.oid = c.relnamespace JOIN pg_namespace pn ON pn.oid = p.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'f') AND NOT c.relispartition"
            + " AND " + notExtensionMember("pg_class", "c.oid")
            // triggers of views
            + " UNION ALL SELECT 'trigger', t.tgname || ' on ' || n.nspname || '.' || c.relname,"
            + " c.relname, n.nspname"
            + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN ns n ON n.oid = c.relnamespace"
            + " WHERE NOT t.tgisinternal AND c.relkind IN ('v', 'm')"
            // properties of a table the model does not hold
            + " UNION ALL SELECT 'storage parameters', n.nspname || '.' || c.relname || ' ('"
            + " || array_to_string(ARRAY(SELECT o FROM unnest(c.reloptions) o ORDER BY o COLLATE \"C\"), ', ')"
            + " || ')', c.relname, n.nspname"
            + " FROM pg_class c JOIN ns n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND c.reloptions IS NOT NULL"
            + " AND " + notExtensionMember("pg_class", "c.oid")
            + " UNION ALL SELECT 'forced row level security', n.nspname || '.' || c.relname, c.relname, n.nspname"
            + " FROM pg_class c JOIN ns n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND c.relforcerowsecurity"
            + " AND " + notExtensionMember("pg_class", "c.oid")
            + " UNION ALL SELECT 'replica identity', n.nspname || '.' || c.relname || ' ' || CASE c.relreplident"
            + " WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing' ELSE 'using index' END, c.relname, n.nspname"
            + " FROM pg_class c JOIN ns n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND c.relreplident <> 'd'"
            + " AND " + notExtensionMember("pg_class", "c.oid")
            // PostgreSQL 18's virtual generated columns (the model holds stored ones)
            + " UNION ALL SELECT 'virtual generated column', n.nspname || '.' || c.relname || '.' || a.attname,"
            + " c.relname, n.nspname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN ns n ON n.oid = c.relnamespace WHERE a.attgenerated = 'v' AND NOT a.attisdropped"
            // extended statistics
            + inSchema("statistics", "pg_statistic_ext", "s", "stxname", "stxnamespace")
            // operators, operator classes and families
            + " UNION ALL SELECT 'operator', n.nspname || '.' || o.oprname || '('"
            + " || COALESCE(format_type(NULLIF(o.oprleft, 0), NULL), 'NONE') || ', '"
            + " || COALESCE(format_type(NULLIF(o.oprright, 0), NULL), 'NONE') || ')', NULL, n.nspname"
            + " FROM pg_operator o JOIN ns n ON n.oid = o.oprnamespace"
            + " WHERE " + notExtensionMember("pg_operator", "o.oid")
            + " UNION ALL SELECT 'operator class', n.nspname || '.' || oc.opcname || ' using ' || am.amname, NULL,"
            + " n.nspname FROM pg_opclass oc JOIN ns n ON n.oid = oc.opcnamespace"
            + " JOIN pg_am am ON am.oid = oc.opcmethod WHERE " + notExtensionMember("pg_opclass", "oc.oid")
            + " UNION ALL SELECT 'operator family', n.nspname || '.' || f.opfname || ' using ' || am.amname, NULL,"
            + " n.nspname FROM pg_opfamily f JOIN ns n ON n.oid = f.opfnamespace"
            + " JOIN pg_am am ON am.oid = f.opfmethod WHERE " + notExtensionMember("pg_opfamily", "f.oid")
            // collations, conversions, text search objects created in user schemas
            + inSchema("collation", "pg_collation", "co", "collname", "collnamespace")
            + inSchema("conversion", "pg_conversion", "cv", "conname", "connamespace")
            + inSchema("text search configuration", "pg_ts_config", "x", "cfgname", "cfgnamespace")
            + inSchema("text search dictionary", "pg_ts_dict", "x", "dictname", "dictnamespace")
            + inSchema("text search parser", "pg_ts_parser", "x", "prsname", "prsnamespace")
            + inSchema("text search template", "pg_ts_template", "x", "tmplname", "tmplnamespace")
            + ") u"
            // objects of the database, outside schemas (a cast a range type made for its multirange aside)
            + " UNION ALL SELECT 'cast', '(' || format_type(c.castsource, NULL) || ' AS '"
            + " || format_type(c.casttarget, NULL) || ')', NULL, NULL FROM pg_cast c"
            + " WHERE c.oid >= 16384 AND " + standalone("pg_cast", "c.oid")
            + " UNION ALL SELECT 'foreign-data wrapper', w.fdwname, NULL, NULL FROM pg_foreign_data_wrapper w"
            + " WHERE " + notExtensionMember("pg_foreign_data_wrapper", "w.oid")
            + " UNION ALL SELECT 'foreign server', s.srvname, NULL, NULL FROM pg_foreign_server s"
            + " WHERE " + notExtensionMember("pg_foreign_server", "s.oid")
            + " UNION ALL SELECT 'event trigger', et.evtname, NULL, NULL FROM pg_event_trigger et"
            + " WHERE " + notExtensionMember("pg_event_trigger", "et.oid")
            + " UNION ALL SELECT 'publication', pub.pubname, NULL, NULL FROM pg_publication pub"
            + " UNION ALL SELECT 'subscription', sub.subname, NULL, NULL FROM pg_subscription sub"
            + " WHERE sub.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " UNION ALL SELECT 'language', l.lanname, NULL, NULL FROM pg_language l"
            + " WHERE l.oid >= 16384 AND " + notExtensionMember("pg_language", "l.oid")
            + " UNION ALL SELECT 'access method', am.amname, NULL, NULL FROM pg_am am"
            + " WHERE am.oid >= 16384 AND " + notExtensionMember("pg_am", "am.oid")
            + " UNION ALL SELECT 'transform', 'for ' || format_type(tr.trftype, NULL) || ' language ' || l.lanname,"
            + " NULL, NULL FROM pg_transform tr JOIN pg_language l ON l.oid = tr.trflang"
            + " WHERE " + notExtensionMember("pg_transform", "tr.oid");

    private CatalogQueries() {}
}
