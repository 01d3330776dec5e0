package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.UnsupportedDatabaseException;
import dev.slipway.migrate.schema.Column;
import dev.slipway.migrate.schema.Constraint;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.EnumType;
import dev.slipway.migrate.schema.Index;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Routine;
import dev.slipway.migrate.schema.Table;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Corners of the catalog that a plain schema does not reach. Each test works in a schema of its own. */
@ExtendWith(PostgresExtension.class)
class CatalogReaderEdgeCasesTest {

    @Test
    void foreignKeyToAPartitionedTableIsOneConstraint(TestDatabase db) throws SQLException {
        db.execute("""
                CREATE SCHEMA fk;
                CREATE TABLE fk.parent (id integer PRIMARY KEY) PARTITION BY RANGE (id);
                CREATE TABLE fk.parent_low PARTITION OF fk.parent FOR VALUES FROM (0) TO (10);
                CREATE TABLE fk.parent_high PARTITION OF fk.parent FOR VALUES FROM (10) TO (20);
                CREATE TABLE fk.child (parent_id integer REFERENCES fk.parent);
                CREATE TABLE fk.log (id integer, parent_id integer REFERENCES fk.parent) PARTITION BY LIST (id);
                CREATE TABLE fk.log_one PARTITION OF fk.log FOR VALUES IN (1);
                """);
        DatabaseSchema schema = read(db);

        // PostgreSQL keeps a copy of the key per referenced partition on fk.child (child_parent_id_fkey1)
        assertThat(table(schema, "fk", "child").constraints()).singleElement().satisfies(fk -> {
            assertThat(fk.name()).isEqualTo("child_parent_id_fkey");
            assertThat(fk.references()).isEqualTo(new QualifiedName("fk", "parent"));
            assertThat(fk.inherited()).isFalse();
        });
        assertThat(table(schema, "fk", "parent_low").constraints())
                .extracting(Constraint::name)
                .containsExactly("parent_low_pkey");
        assertThat(table(schema, "fk", "log_one").constraints()).singleElement().satisfies(fk -> {
            assertThat(fk.name()).isEqualTo("log_parent_id_fkey");
            assertThat(fk.kind()).isEqualTo(Constraint.Kind.FOREIGN_KEY);
            assertThat(fk.inherited()).isTrue();
        });
        // internal triggers of foreign keys are not triggers of the model
        assertThat(schema.tables())
                .filteredOn(t -> t.name().schema().equals("fk"))
                .hasSize(6)
                .allSatisfy(t -> assertThat(t.triggers()).isEmpty());
    }

    @Test
    void readsAnIndexThatAnInterruptedConcurrentBuildLeftInvalid(TestDatabase db) throws SQLException {
        db.execute("CREATE SCHEMA inv; CREATE TABLE inv.dup (v integer); INSERT INTO inv.dup VALUES (1), (1)");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY dup_v ON inv.dup (v)"))
                .hasMessageContaining("could not create unique index");

        Index index = table(read(db), "inv", "dup").indexes().get(0);
        assertThat(index.name()).isEqualTo("dup_v");
        assertThat(index.valid()).isFalse();
        assertThat(index.unique()).isTrue();
    }

    @Test
    void keepsNamesThatNeedQuotingAsTheyAre(TestDatabase db) throws SQLException {
        db.execute("""
                CREATE SCHEMA "Odd Names";
                CREATE TABLE "Odd Names"."we""ird table" ("Mixed Col" integer PRIMARY KEY, "select" text);
                CREATE INDEX "Select Idx" ON "Odd Names"."we""ird table" ("select");
                """);
        Table table = table(read(db), "Odd Names", "we\"ird table");
        assertThat(table.columns()).extracting(Column::name).containsExactly("Mixed Col", "select");
        assertThat(table.indexes())
                .extracting(Index::name, Index::definition)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        "Select Idx",
                        "CREATE INDEX \"Select Idx\" ON \"Odd Names\".\"we\"\"ird table\" USING btree (\"select\")"));
        assertThat(table.name().toSql()).isEqualTo("\"Odd Names\".\"we\"\"ird table\"");
    }

    @Test
    void sortsOverloadsByTheirArgumentsAndReadsAnEnumWithoutLabels(TestDatabase db) throws SQLException {
        db.execute("""
                CREATE SCHEMA ov;
                CREATE FUNCTION ov.f(v text) RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
                CREATE FUNCTION ov.f() RETURNS integer LANGUAGE sql AS $$ SELECT 2 $$;
                CREATE FUNCTION ov.f(a integer, b integer DEFAULT 0) RETURNS integer LANGUAGE sql AS $$ SELECT a + b $$;
                CREATE TYPE ov.nothing AS ENUM ();
                CREATE VIEW ov.guarded WITH (security_barrier = true) AS SELECT 1 AS one;
                """);
        DatabaseSchema schema = read(db);
        assertThat(schema.routines())
                .filteredOn(r -> r.name().schema().equals("ov"))
                .extracting(Routine::identityArguments)
                .containsExactly("", "a integer, b integer", "v text");
        assertThat(schema.enums()).contains(new EnumType(new QualifiedName("ov", "nothing"), List.of(), null));
        assertThat(schema.view(new QualifiedName("ov", "guarded")).orElseThrow().options())
                .containsExactly("security_barrier=true");
    }

    /**
     * PostgreSQL 12 has no {@code tgparentid}: its form of the query finds a partition's copy of a trigger through
     * {@code pg_depend}, which newer servers still record (and not for a foreign key's internal triggers, which have a
     * {@code tgparentid} on 15). Run here, it reads what the newer form reads.
     */
    @Test
    void readsTheSameTriggersWithTheFormOfTheQueryForPostgres12(TestDatabase db) throws SQLException {
        db.execute("""
                CREATE SCHEMA trg;
                CREATE FUNCTION trg.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TABLE trg.events (id integer, at date) PARTITION BY RANGE (at);
                CREATE TABLE trg.events_2024 PARTITION OF trg.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE trg.events_rest PARTITION OF trg.events DEFAULT;
                CREATE TRIGGER stamp BEFORE INSERT ON trg.events FOR EACH ROW EXECUTE FUNCTION trg.stamp();
                CREATE TRIGGER own AFTER UPDATE ON trg.events_rest FOR EACH ROW EXECUTE FUNCTION trg.stamp();
                ALTER TABLE trg.events_2024 DISABLE TRIGGER stamp;
                CREATE TABLE trg.targets (id integer PRIMARY KEY);
                ALTER TABLE trg.events ADD COLUMN target_id integer REFERENCES trg.targets;
                """);
        List<String> current = triggerRows(db, CatalogQueries.triggers(150000)).stream()
                .filter(row -> row.startsWith("events"))
                .toList();
        assertThat(current)
                .containsExactlyInAnyOrder(
                        "events stamp O false",
                        "events_2024 stamp D true",
                        "events_rest stamp O true",
                        "events_rest own O false");
        assertThat(triggerRows(db, CatalogQueries.triggers(120000)).stream().filter(row -> row.startsWith("events")))
                .containsExactlyInAnyOrderElementsOf(current);
    }

    private static List<String> triggerRows(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect();
                var statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", new String[0]));
            List<String> rows = new java.util.ArrayList<>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(db.queryString("SELECT relname FROM pg_class WHERE oid = " + rs.getLong(2)) + " "
                            + rs.getString(3) + " " + rs.getString(7) + " " + rs.getBoolean(8));
                }
            }
            return rows;
        }
    }

    @Test
    void refusesAnotherDatabaseProductByName() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:catalog_reader");
        try (Connection connection = h2.getConnection()) {
            assertThatThrownBy(() -> CatalogReader.read(connection, CatalogReader.Options.defaults()))
                    .isInstanceOf(UnsupportedDatabaseException.class)
                    .hasMessageContaining("H2");
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }

    private static Table table(DatabaseSchema schema, String namespace, String name) {
        return schema.table(new QualifiedName(namespace, name))
                .orElseThrow(() -> new AssertionError("no table " + namespace + "." + name));
    }

    private static DatabaseSchema read(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            return CatalogReader.read(connection, CatalogReader.Options.defaults());
        }
    }
}
