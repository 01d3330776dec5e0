package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.SchemaPlan;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link DefinitionReprint} on PostgreSQL: a database whose definitions print differently once parsed again holds
 * their printed form afterwards, with names, comments, {@code NOT VALID} state and view options kept, so that a plan
 * carrying the printed text converges.
 */
@ExtendWith(PostgresExtension.class)
class DefinitionReprintTest {

    private static final String SCHEMA = """
            CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, kind varchar(10),
                total numeric(12,2) NOT NULL,
                CONSTRAINT orders_status_check CHECK (status IN ('open', 'paid')),
                CONSTRAINT orders_total_check CHECK (total >= 0 AND total < 1000 AND status <> 'x'));
            ALTER TABLE orders ADD CONSTRAINT orders_kind_check CHECK (kind IN ('a', 'b')) NOT VALID;
            COMMENT ON CONSTRAINT orders_status_check ON orders IS 'known states';
            CREATE INDEX orders_open_idx ON orders (id) WHERE status IN ('open', 'paid');
            COMMENT ON INDEX orders_open_idx IS 'open ones';
            CREATE VIEW open_orders WITH (security_barrier = true) AS
                SELECT id, total FROM orders WHERE status IN ('open', 'paid');
            CREATE VIEW big_open_orders AS SELECT id FROM open_orders WHERE total > 100;
            CREATE MATERIALIZED VIEW order_counts AS
                SELECT status, count(*) AS n FROM orders WHERE status IN ('open', 'paid') GROUP BY status
                WITH NO DATA;
            CREATE UNIQUE INDEX order_counts_status ON order_counts (status);
            COMMENT ON MATERIALIZED VIEW order_counts IS 'per state';
            """;

    @Test
    void aPlanFromAnotherDatabaseConvergesOnceTheTargetIsReprinted(TestDatabase test) throws SQLException {
        TestDatabase db = test.createAnother("converges");
        db.execute(SCHEMA);
        TestDatabase empty = test.createAnother("empty");
        try (Connection target = db.connect()) {
            assertThat(DefinitionReprint.apply(target)).isPositive();
            DatabaseSchema desired = read(target);
            try (Connection from = empty.connect()) {
                apply(from, SchemaDiffer.plan(read(from), desired));
                SchemaPlan second = SchemaDiffer.plan(read(from), desired);
                assertThat(second.steps()).isEmpty();
            }
        }
    }

    @Test
    void keepsNamesCommentsValidityAndOptions(TestDatabase test) throws SQLException {
        TestDatabase db = test.createAnother("keeps");
        db.execute(SCHEMA);
        try (Connection connection = db.connect()) {
            DefinitionReprint.apply(connection);
            // a second reprint finds a fixed point: nothing printed differently any more
            DatabaseSchema once = read(connection);
            DefinitionReprint.apply(connection);
            assertThat(read(connection)).isEqualTo(once);
        }
        assertThat(db.queryString("SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint"
                        + " WHERE conname = 'orders_status_check'"))
                .isEqualTo("known states");
        assertThat(db.queryString("SELECT convalidated::text FROM pg_constraint WHERE conname = 'orders_kind_check'"))
                .isEqualTo("false");
        assertThat(db.queryString("SELECT obj_description('orders_open_idx'::regclass, 'pg_class')"))
                .isEqualTo("open ones");
        assertThat(db.queryString(
                        "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'open_orders'"))
                .isEqualTo("security_barrier=true");
        assertThat(db.queryString("SELECT relispopulated::text FROM pg_class WHERE relname = 'order_counts'"))
                .isEqualTo("false");
        assertThat(db.queryString("SELECT obj_description('order_counts'::regclass, 'pg_class')"))
                .isEqualTo("per state");
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'order_counts_status'"))
                .isEqualTo(1);
    }

    @Test
    void leavesADatabaseWithoutSuchDefinitionsAlone(TestDatabase test) throws SQLException {
        TestDatabase db = test.createAnother("alone");
        db.execute("CREATE TABLE plain (id bigint PRIMARY KEY, n integer CHECK (n > 0));"
                + " CREATE VIEW plain_view AS SELECT id FROM plain;");
        try (Connection connection = db.connect()) {
            DatabaseSchema before = read(connection);
            DefinitionReprint.apply(connection);
            assertThat(read(connection)).isEqualTo(before);
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }

    private static DatabaseSchema read(Connection connection) throws SQLException {
        return CatalogReader.read(connection, CatalogReader.Options.defaults());
    }

    private static void apply(Connection connection, SchemaPlan plan) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            for (var step : plan.steps()) {
                statement.execute(step.sql());
            }
        }
    }
}
