package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.slipway.migrate.schema.ObjectRef.Kind;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Routine;
import dev.slipway.migrate.schema.Sequence;
import dev.slipway.migrate.schema.Table;
import dev.slipway.migrate.schema.Trigger;
import dev.slipway.migrate.schema.View;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class CatalogReaderTest {

    private static final QualifiedName ORDER = new QualifiedName("Sales", "Order");
    private static final QualifiedName CUSTOMERS = new QualifiedName("app", "customers");
    private static final QualifiedName EVENTS = new QualifiedName("app", "events");

    private static DatabaseSchema schema;

    @BeforeAll
    static void createEveryKind(TestDatabase db) throws SQLException {
        db.execute(CatalogReaderFixture.EVERY_KIND);
        schema = read(db);
    }

    static DatabaseSchema read(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            return CatalogReader.read(connection, CatalogReader.Options.defaults());
        }
    }

    @Test
    void readsSchemasAndExtensions() {
        assertThat(schema.serverVersionNum()).isGreaterThanOrEqualTo(120000);
        assertThat(schema.schemas()).extracting(Namespace::name).containsExactly("Sales", "app", "public");
        assertThat(schema.schemas()).contains(new Namespace("app", "the application"));
        assertThat(schema.extensions())
                .extracting(Extension::name, Extension::schema)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("btree_gist", "public"),
                        org.assertj.core.groups.Tuple.tuple("plpgsql", "pg_catalog"));
    }

    @Test
    void readsEnumLabelsInSortOrder() {
        assertThat(schema.enums())
                .containsExactly(new EnumType(
                        new QualifiedName("app", "status"),
                        List.of("draft", "new", "paid", "shipped"),
                        "order status"));
    }

    @Test
    void readsSequencesOwnedAndFreeButNotThoseOfIdentityColumns() {
        assertThat(schema.sequences())
                .extracting(Sequence::name)
                .containsExactly(
                        new QualifiedName("app", "customers_id_seq"),
                        new QualifiedName("app", "free_seq"),
                        new QualifiedName("app", "scratch_seq"));
        assertThat(schema.sequences().get(1))
                .isEqualTo(new Sequence(
                        new QualifiedName("app", "free_seq"),
                        "integer",
                        100,
                        5,
                        10,
                        100000,
                        3,
                        true,
                        null,
                        "free numbers"));
        assertThat(schema.sequences().get(0).ownedBy()).isEqualTo(new ColumnRef(CUSTOMERS, "id"));
        assertThat(schema.sequences().get(0).dataType()).isEqualTo("bigint");
        assertThat(schema.sequences().get(2).ownedBy())
                .isEqualTo(new ColumnRef(new QualifiedName("app", "scratch"), "k"));
    }

    @Test
    void readsTablesSortedByName() {
        assertThat(schema.tables())
                .extracting(t -> t.name().toString())
                .containsExactly(
                        "Sales.Order",
                        "app.customers",
                        "app.events",
                        "app.events_2024",
                        "app.events_2025",
                        "app.events_default",
                        "app.items",
                        "app.scratch");
        Table customers = table(CUSTOMERS);
        assertThat(customers.rowLevelSecurity()).isTrue();
        assertThat(customers.comment()).isEqualTo("who buys");
        assertThat(customers.unlogged()).isFalse();
        assertThat(table(new QualifiedName("app", "scratch")).unlogged()).isTrue();
    }

    @Test
    void readsColumnsInOrderWithoutDroppedOnes() {
        Table order = table(ORDER);
        assertThat(order.columns())
                .extracting(Column::name)
                .containsExactly(
                        "Id", "customer_id", "ref", "status", "total", "tax", "seq_no", "note", "during", "deleted_at");
        assertThat(order.column("Id"))
                .contains(new Column("Id", "bigint", null, null, true, Column.Identity.ALWAYS, null, null));
        assertThat(order.column("ref").orElseThrow().defaultExpression()).isEqualTo("app.next_ref()");
        assertThat(order.column("status"))
                .contains(new Column("status", "app.status", null, "'new'::app.status", true, null, null, null));
        assertThat(order.column("tax"))
                .contains(new Column("tax", "numeric(10,2)", null, null, false, null, "(total * 0.2)", "derived"));
        assertThat(order.column("seq_no").orElseThrow().defaultExpression())
                .isEqualTo("nextval('app.free_seq'::regclass)");
        assertThat(order.column("deleted_at").orElseThrow().type()).isEqualTo("timestamp with time zone");

        Table customers = table(CUSTOMERS);
        assertThat(customers.columns()).extracting(Column::name).containsExactly("id", "email", "name", "tags");
        assertThat(customers.column("email"))
                .contains(new Column("email", "text", "pg_catalog.\"C\"", null, true, null, null, "login"));
        assertThat(customers.column("name").orElseThrow().type()).isEqualTo("character varying(80)");
        assertThat(customers.column("name").orElseThrow().collation()).isNull();
        assertThat(customers.column("tags").orElseThrow().type()).isEqualTo("text[]");
        assertThat(customers.column("id").orElseThrow().defaultExpression())
                .isEqualTo("nextval('app.customers_id_seq'::regclass)");
        assertThat(table(new QualifiedName("app", "items"))
                        .column("id")
                        .orElseThrow()
                        .identity())
                .isEqualTo(Column.Identity.BY_DEFAULT);
    }

    @Test
    void readsConstraintsOfEveryKind() {
        Table order = table(ORDER);
        assertThat(order.constraints())
                .extracting(Constraint::name)
                .containsExactly("Order_pkey", "no_overlap", "note_short", "order_customer_fk", "total_positive");
        assertThat(constraint(order, "Order_pkey"))
                .isEqualTo(new Constraint(
                        "Order_pkey",
                        Constraint.Kind.PRIMARY_KEY,
                        "PRIMARY KEY (\"Id\")",
                        List.of("Id"),
                        null,
                        true,
                        false,
                        false,
                        false,
                        null));
        assertThat(constraint(order, "order_customer_fk"))
                .isEqualTo(new Constraint(
                        "order_customer_fk",
                        Constraint.Kind.FOREIGN_KEY,
                        "FOREIGN KEY (customer_id) REFERENCES app.customers(id) ON DELETE CASCADE DEFERRABLE"
                                + " INITIALLY DEFERRED",
                        List.of("customer_id"),
                        CUSTOMERS,
                        true,
                        true,
                        true,
                        false,
                        null));
        Constraint exclusion = constraint(order, "no_overlap");
        assertThat(exclusion.kind()).isEqualTo(Constraint.Kind.EXCLUSION);
        assertThat(exclusion.definition()).isEqualTo("EXCLUDE USING gist (customer_id WITH =, during WITH &&)");
        assertThat(exclusion.columns()).containsExactly("customer_id", "during");
        Constraint notValid = constraint(order, "note_short");
        assertThat(notValid.validated()).isFalse();
        assertThat(notValid.definition()).isEqualTo("CHECK ((length(note) < 1000)) NOT VALID");
        assertThat(constraint(order, "total_positive").definition()).isEqualTo("CHECK ((total >= (0)::numeric))");

        Constraint itemsFk = constraint(table(new QualifiedName("app", "items")), "items_order_fk");
        assertThat(itemsFk.references()).isEqualTo(ORDER);
        assertThat(itemsFk.validated()).isFalse();
        assertThat(itemsFk.definition())
                .isEqualTo("FOREIGN KEY (order_id) REFERENCES \"Sales\".\"Order\"(\"Id\") NOT VALID");
        assertThat(constraint(table(CUSTOMERS), "customers_email_key").comment())
                .isEqualTo("one account per address");
    }

    @Test
    void readsIndexesPartialExpressionIncludeAndOpclass() {
        Table order = table(ORDER);
        assertThat(order.indexes())
                .extracting(Index::name)
                .containsExactly("Order_pkey", "no_overlap", "order_note_pattern", "order_ref_live");
        assertThat(index(order, "order_ref_live"))
                .isEqualTo(new Index(
                        "order_ref_live",
                        "CREATE UNIQUE INDEX order_ref_live ON \"Sales\".\"Order\" USING btree (lower(ref)) INCLUDE"
                                + " (total) WHERE (deleted_at IS NULL)",
                        Arrays.asList((String) null),
                        true,
                        null,
                        "(deleted_at IS NULL)",
                        true,
                        null,
                        "live references"));
        assertThat(index(order, "order_note_pattern").definition()).endsWith("USING btree (note text_pattern_ops)");
        assertThat(index(order, "order_note_pattern").columns()).containsExactly("note");
        assertThat(index(order, "Order_pkey").constraint()).isEqualTo("Order_pkey");
        assertThat(index(order, "no_overlap").constraint()).isEqualTo("no_overlap");
        assertThat(index(order, "no_overlap").unique()).isFalse();
    }

    @Test
    void readsPartitionsWithBoundsAndInheritedParts() {
        Table events = table(EVENTS);
        assertThat(events.partitionKey()).isEqualTo("RANGE (created_at)");
        assertThat(events.partitionOf()).isNull();
        assertThat(events.partitioned()).isTrue();
        assertThat(index(events, "events_created").definition())
                .isEqualTo("CREATE INDEX events_created ON ONLY app.events USING btree (created_at)");
        assertThat(events.triggers()).extracting(Trigger::inherited).containsExactly(false);

        Table y2024 = table(new QualifiedName("app", "events_2024"));
        assertThat(y2024.partitionOf()).isEqualTo(EVENTS);
        assertThat(y2024.partitionBound()).isEqualTo("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        assertThat(y2024.partitionKey()).isNull();
        assertThat(table(new QualifiedName("app", "events_default")).partitionBound())
                .isEqualTo("DEFAULT");
        assertThat(constraint(y2024, "events_2024_pkey").inherited()).isTrue();
        assertThat(constraint(events, "events_pkey").inherited()).isFalse();
        assertThat(index(y2024, "events_2024_created_at_idx").parentIndex())
                .isEqualTo(new QualifiedName("app", "events_created"));
        assertThat(index(y2024, "events_2024_pkey").parentIndex()).isEqualTo(new QualifiedName("app", "events_pkey"));
        assertThat(y2024.triggers()).singleElement().satisfies(trigger -> {
            assertThat(trigger.name()).isEqualTo("events_stamp");
            assertThat(trigger.inherited()).isTrue();
        });
    }

    @Test
    void readsTriggersWithTheirStateAndFunction() {
        Table order = table(ORDER);
        assertThat(order.triggers())
                .containsExactly(
                        new Trigger(
                                "order_touch",
                                "CREATE TRIGGER order_touch BEFORE INSERT OR UPDATE ON \"Sales\".\"Order\" FOR EACH ROW"
                                        + " EXECUTE FUNCTION app.touch()",
                                new QualifiedName("app", "touch"),
                                'O',
                                false,
                                "fills the note"),
                        new Trigger(
                                "order_touch_off",
                                "CREATE TRIGGER order_touch_off BEFORE UPDATE ON \"Sales\".\"Order\" FOR EACH ROW"
                                        + " EXECUTE FUNCTION app.touch()",
                                new QualifiedName("app", "touch"),
                                'D',
                                false,
                                null));
    }

    @Test
    void readsViewsAndMaterializedViews() {
        assertThat(schema.views())
                .extracting(v -> v.name().name())
                .containsExactly("big_live_orders", "live_orders", "order_totals");
        View live = schema.view(new QualifiedName("app", "live_orders")).orElseThrow();
        assertThat(live.materialized()).isFalse();
        assertThat(live.columns()).containsExactly("Id", "ref", "total");
        assertThat(live.options()).containsExactly("check_option=local");
        assertThat(live.comment()).isEqualTo("not deleted");
        assertThat(live.definition()).contains("FROM \"Sales\".\"Order\"").contains("deleted_at IS NULL");
        assertThat(live.indexes()).isEmpty();

        View totals = schema.view(new QualifiedName("app", "order_totals")).orElseThrow();
        assertThat(totals.materialized()).isTrue();
        assertThat(totals.columns()).containsExactly("customer_id", "total");
        assertThat(totals.comment()).isEqualTo("per customer");
        assertThat(totals.indexes()).singleElement().satisfies(index -> {
            assertThat(index.name()).isEqualTo("order_totals_customer");
            assertThat(index.definition())
                    .isEqualTo(
                            "CREATE UNIQUE INDEX order_totals_customer ON app.order_totals USING btree (customer_id)");
        });
    }

    @Test
    void readsFunctionsAndProceduresButNoExtensionsOwn() {
        assertThat(schema.routines())
                .extracting(r -> r.name().toString())
                .containsExactly("app.archive", "app.event_stamp", "app.next_ref", "app.touch");
        Routine archive = schema.routines().get(0);
        assertThat(archive.procedure()).isTrue();
        assertThat(archive.identityArguments()).endsWith("days integer");
        assertThat(archive.comment()).isEqualTo("removes old orders");
        assertThat(archive.definition()).startsWith("CREATE OR REPLACE PROCEDURE app.archive(");
        Routine nextRef = schema.routines().get(2);
        assertThat(nextRef.procedure()).isFalse();
        assertThat(nextRef.identityArguments()).isEmpty();
        assertThat(nextRef.definition())
                .startsWith("CREATE OR REPLACE FUNCTION app.next_ref()")
                .contains("RETURNS text");
        assertThat(schema.unsupported()).isEmpty();
    }

    @Test
    void readsDependenciesBetweenModelledObjects() {
        QualifiedName live = new QualifiedName("app", "live_orders");
        assertThat(schema.dependencies())
                .contains(
                        dependency(new ObjectRef(Kind.VIEW, live, null), column(ORDER, "deleted_at")),
                        dependency(
                                new ObjectRef(Kind.VIEW, new QualifiedName("app", "big_live_orders"), null),
                                new ObjectRef(Kind.VIEW, live, null)),
                        dependency(
                                new ObjectRef(Kind.MATERIALIZED_VIEW, new QualifiedName("app", "order_totals"), null),
                                column(ORDER, "customer_id")),
                        dependency(
                                column(ORDER, "seq_no"),
                                new ObjectRef(Kind.SEQUENCE, new QualifiedName("app", "free_seq"), null)),
                        dependency(
                                column(ORDER, "ref"),
                                new ObjectRef(Kind.ROUTINE, new QualifiedName("app", "next_ref"), "")),
                        dependency(
                                column(ORDER, "status"),
                                new ObjectRef(Kind.TYPE, new QualifiedName("app", "status"), null)),
                        dependency(
                                new ObjectRef(Kind.TRIGGER, ORDER, "order_touch"),
                                new ObjectRef(Kind.ROUTINE, new QualifiedName("app", "touch"), "")),
                        dependency(
                                new ObjectRef(Kind.CONSTRAINT, ORDER, "order_customer_fk"),
                                new ObjectRef(Kind.INDEX, CUSTOMERS, "customers_pkey")),
                        dependency(new ObjectRef(Kind.CONSTRAINT, ORDER, "order_customer_fk"), column(CUSTOMERS, "id")),
                        dependency(
                                new ObjectRef(Kind.SEQUENCE, new QualifiedName("app", "customers_id_seq"), null),
                                column(CUSTOMERS, "id")),
                        dependency(new ObjectRef(Kind.INDEX, ORDER, "order_ref_live"), column(ORDER, "deleted_at")),
                        dependency(
                                new ObjectRef(Kind.INDEX, ORDER, "no_overlap"),
                                new ObjectRef(Kind.EXTENSION, new QualifiedName("public", "btree_gist"), null)),
                        dependency(
                                new ObjectRef(Kind.TABLE, new QualifiedName("app", "events_2024"), null),
                                new ObjectRef(Kind.TABLE, EVENTS, null)),
                        dependency(column(ORDER, "tax"), column(ORDER, "total")));
        assertThat(schema.dependencies())
                .allSatisfy(d -> assertThat(d.dependent()).isNotEqualTo(d.referenced()))
                .noneMatch(d ->
                        d.referenced().kind() == Kind.SCHEMA || d.dependent().kind() == Kind.SCHEMA);
    }

    @Test
    void readsTheSameModelTwiceAndFromAnotherDatabaseWithTheSameDdl(TestDatabase db) throws SQLException {
        assertThat(read(db)).isEqualTo(schema);
        TestDatabase other = db.createAnother("copy");
        other.execute(CatalogReaderFixture.EVERY_KIND);
        assertThat(read(other)).isEqualTo(schema);
    }

    @Test
    void restoresTheConnectionAfterReading(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            String searchPath = db.queryString("SHOW search_path");
            CatalogReader.read(connection, CatalogReader.Options.defaults());
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(show(connection, "search_path")).isEqualTo(searchPath);
            assertThat(show(connection, "transaction_read_only")).isEqualTo("off");

            // inside a transaction of the caller's: read in a savepoint, the caller's transaction goes on
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE app.in_progress (id integer)");
            }
            DatabaseSchema inTransaction = CatalogReader.read(connection, CatalogReader.Options.defaults());
            assertThat(inTransaction.table(new QualifiedName("app", "in_progress")))
                    .isPresent();
            assertThat(connection.getAutoCommit()).isFalse();
            assertThat(show(connection, "search_path")).isEqualTo(searchPath);
            connection.rollback();
        }
        assertThat(read(db)).isEqualTo(schema);
    }

    @Test
    void countsItsRoundTrips(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            CatalogReader.Reading reading = CatalogReader.readWithStats(connection, CatalogReader.Options.defaults());
            assertThat(reading.schema()).isEqualTo(schema);
            assertThat(reading.stats().roundTrips()).isEqualTo(16);
        }
    }

    @Test
    void sendsOnlyQueriesInOneReadOnlyTransaction(TestDatabase db) throws SQLException {
        List<String> sent = new ArrayList<>();
        try (Connection connection = db.connect()) {
            CatalogReader.Reading reading =
                    CatalogReader.readWithStats(recording(connection, sent), CatalogReader.Options.defaults());
            assertThat(reading.schema()).isEqualTo(schema);
            assertThat(sent).hasSize(reading.stats().roundTrips());
        }
        assertThat(sent.get(0)).isEqualTo("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        assertThat(sent.get(1)).startsWith("SELECT set_config('search_path', '', true)");
        assertThat(sent.subList(2, sent.size() - 1))
                .allSatisfy(sql -> assertThat(sql).matches("(?s)(SELECT|WITH) .*"));
        assertThat(sent.get(sent.size() - 1)).isEqualTo("rollback");
    }

    /** The connection, recording each statement it sends (and a rollback or commit) into {@code sent}. */
    private static Connection recording(Connection connection, List<String> sent) {
        return proxy(
                Connection.class,
                connection,
                (method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement" -> sent.add((String) args[0]);
                        case "commit", "rollback" -> sent.add(method.getName());
                        default -> {}
                    }
                },
                statement -> statement instanceof Statement plain
                        ? proxy(Statement.class, plain, (method, args) -> {
                            if (method.getName().startsWith("execute") && args != null && args.length > 0) {
                                sent.add((String) args[0]);
                            }
                        })
                        : statement);
    }

    private interface Call {
        void seen(Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        return proxy(type, target, call, result -> result);
    }

    private static <T> T proxy(Class<T> type, T target, Call call, UnaryOperator<Object> wrapResult) {
        return type.cast(Proxy.newProxyInstance(
                CatalogReaderTest.class.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                    call.seen(method, args);
                    try {
                        Object result = method.invoke(target, args);
                        return method.getName().equals("createStatement") ? wrapResult.apply(result) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Dependency dependency(ObjectRef dependent, ObjectRef referenced) {
        return new Dependency(dependent, referenced);
    }

    private static ObjectRef column(QualifiedName table, String column) {
        return new ObjectRef(Kind.COLUMN, table, column);
    }

    private static Table table(QualifiedName name) {
        return schema.table(name).orElseThrow(() -> new AssertionError("no table " + name));
    }

    private static Constraint constraint(Table table, String name) {
        return table.constraints().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no constraint " + name + " on " + table.name()));
    }

    private static Index index(Table table, String name) {
        return table.indexes().stream()
                .filter(i -> i.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no index " + name + " on " + table.name()));
    }
}
