package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.UnsupportedObject;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kinds the model does not hold are listed by kind and name, never silently dropped. */
@ExtendWith(PostgresExtension.class)
class CatalogReaderUnsupportedTest {

    @Test
    void listsObjectsOfUnsupportedKindsSorted(TestDatabase db) throws SQLException {
        db.execute("""
                CREATE SCHEMA odd;
                CREATE DOMAIN odd.positive AS integer CHECK (VALUE > 0);
                CREATE TYPE odd.pair AS (a integer, b integer);
                CREATE TYPE odd.floatrange AS RANGE (subtype = float8);
                CREATE TABLE odd.things (id integer, amount odd.positive, p odd.pair, r odd.floatrange, owner text);
                ALTER TABLE odd.things ENABLE ROW LEVEL SECURITY;
                CREATE POLICY own ON odd.things USING (owner = current_user);
                CREATE RULE no_delete AS ON DELETE TO odd.things DO INSTEAD NOTHING;
                CREATE AGGREGATE odd.total(integer) (sfunc = int4pl, stype = integer);
                CREATE TABLE odd.pairs OF odd.pair;
                CREATE TABLE odd.parent (id integer);
                CREATE TABLE odd.child (extra text) INHERITS (odd.parent);
                CREATE VIEW odd.things_view AS SELECT id FROM odd.things;
                CREATE FUNCTION odd.instead() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
                CREATE TRIGGER things_view_insert INSTEAD OF INSERT ON odd.things_view
                    FOR EACH ROW EXECUTE FUNCTION odd.instead();
                CREATE STATISTICS odd.things_stats ON id, owner FROM odd.things;
                CREATE COLLATION odd.c_copy FROM "C";
                CREATE OPERATOR odd.=== (leftarg = integer, rightarg = integer, function = int4eq);
                CREATE CAST (odd.pair AS text) WITH INOUT;
                CREATE TEXT SEARCH CONFIGURATION odd.simple_copy (COPY = pg_catalog.simple);
                CREATE PUBLICATION pub_things FOR TABLE odd.things;
                CREATE FUNCTION odd.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
                CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION odd.log_ddl();
                CREATE FOREIGN DATA WRAPPER dummy;
                CREATE SERVER dummy_server FOREIGN DATA WRAPPER dummy;
                CREATE FOREIGN TABLE odd.remote (id integer) SERVER dummy_server;
                ALTER TABLE odd.parent SET (fillfactor = 70, autovacuum_enabled = false);
                ALTER TABLE odd.things FORCE ROW LEVEL SECURITY;
                ALTER TABLE odd.child REPLICA IDENTITY FULL;
                """);

        DatabaseSchema schema;
        try (Connection connection = db.connect()) {
            schema = CatalogReader.read(connection, CatalogReader.Options.defaults());
        } finally {
            // an event trigger fires on every DDL of this database: drop it before the test database goes
            db.execute("DROP EVENT TRIGGER log_ddl; DROP PUBLICATION pub_things");
        }

        assertThat(schema.unsupported())
                .containsExactly(
                        new UnsupportedObject("aggregate", "odd.total(integer)"),
                        new UnsupportedObject("cast", "(odd.pair AS text)"),
                        new UnsupportedObject("collation", "odd.c_copy"),
                        new UnsupportedObject("composite type", "odd.pair"),
                        new UnsupportedObject("domain", "odd.positive"),
                        new UnsupportedObject("event trigger", "log_ddl"),
                        new UnsupportedObject("forced row level security", "odd.things"),
                        new UnsupportedObject("foreign server", "dummy_server"),
                        new UnsupportedObject("foreign table", "odd.remote"),
                        new UnsupportedObject("foreign-data wrapper", "dummy"),
                        new UnsupportedObject("operator", "odd.===(integer, integer)"),
                        new UnsupportedObject("policy", "own on odd.things"),
                        new UnsupportedObject("publication", "pub_things"),
                        new UnsupportedObject("range type", "odd.floatrange"),
                        new UnsupportedObject("replica identity", "odd.child full"),
                        new UnsupportedObject("rule", "no_delete on odd.things"),
                        new UnsupportedObject("statistics", "odd.things_stats"),
                        new UnsupportedObject(
                                "storage parameters", "odd.parent (autovacuum_enabled=false, fillfactor=70)"),
                        new UnsupportedObject("table inheritance", "odd.child inherits odd.parent"),
                        new UnsupportedObject("text search configuration", "odd.simple_copy"),
                        new UnsupportedObject("trigger", "things_view_insert on odd.things_view"),
                        new UnsupportedObject("typed table", "odd.pairs"));

        // what is modelled around them stays; a range's constructors and multirange are part of the range
        assertThat(schema.tables()).extracting(t -> t.name().name()).containsExactly("child", "parent", "things");
        assertThat(schema.table(new QualifiedName("odd", "things"))
                        .orElseThrow()
                        .columns())
                .extracting(c -> c.type())
                .containsExactly("integer", "odd.positive", "odd.pair", "odd.floatrange", "text");
        assertThat(schema.table(new QualifiedName("odd", "things"))
                        .orElseThrow()
                        .rowLevelSecurity())
                .isTrue();
        assertThat(schema.routines()).extracting(r -> r.name().name()).containsExactly("instead", "log_ddl");
        assertThat(schema.views()).extracting(v -> v.name().name()).containsExactly("things_view");
    }
}
