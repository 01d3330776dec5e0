package dev.slipway.migrate.internal.schema;

import static dev.slipway.migrate.MigrationPhase.CONTRACT;
import static dev.slipway.migrate.MigrationPhase.EXPAND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.schema.Column;
import dev.slipway.migrate.schema.ColumnRef;
import dev.slipway.migrate.schema.Constraint;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.Dependency;
import dev.slipway.migrate.schema.EnumType;
import dev.slipway.migrate.schema.Extension;
import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.Index;
import dev.slipway.migrate.schema.Namespace;
import dev.slipway.migrate.schema.ObjectRef;
import dev.slipway.migrate.schema.PlanStep;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Routine;
import dev.slipway.migrate.schema.SchemaPlan;
import dev.slipway.migrate.schema.Sequence;
import dev.slipway.migrate.schema.Table;
import dev.slipway.migrate.schema.Trigger;
import dev.slipway.migrate.schema.UnsupportedObject;
import dev.slipway.migrate.schema.View;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SchemaDiffer} on hand-built models: one rule per test. */
class SchemaDifferTest {

    private static final QualifiedName ORDERS = new QualifiedName("public", "orders");
    private static final QualifiedName CUSTOMERS = new QualifiedName("public", "customers");

    @Test
    void plansNothingBetweenEqualSchemas() {
        DatabaseSchema schema = schema(List.of(orders(List.of(id(), col("ref", "text")))));

        assertThat(SchemaDiffer.plan(schema, schema).isEmpty()).isTrue();
    }

    @Test
    void createsATableWithItsColumnsKeysAndChecksInlineAndItsForeignKeyAfterAllTables() {
        Table customers = new Table(
                CUSTOMERS,
                List.of(id()),
                List.of(pk("customers_pkey")),
                List.of(pkIndex(CUSTOMERS, "customers_pkey")),
                List.of(),
                null,
                null,
                null,
                false,
                false,
                null);
        Table orders = new Table(
                ORDERS,
                List.of(
                        id(),
                        col("customer_id", "bigint"),
                        new Column("total", "numeric(10,2)", null, "0", true, null, null, null)),
                List.of(
                        pk("orders_pkey"),
                        constraint(
                                "orders_customer_fk",
                                Constraint.Kind.FOREIGN_KEY,
                                "FOREIGN KEY (customer_id) REFERENCES public.customers(id)",
                                CUSTOMERS),
                        constraint(
                                "orders_total_check", Constraint.Kind.CHECK, "CHECK ((total >= (0)::numeric))", null)),
                List.of(pkIndex(ORDERS, "orders_pkey")),
                List.of(),
                null,
                null,
                null,
                false,
                false,
                null);

        SchemaPlan plan = SchemaDiffer.plan(schema(List.of()), schema(List.of(orders, customers)));

        assertThat(sqls(plan))
                .containsExactly(
                        "CREATE TABLE public.orders (\n    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,\n"
                                + "    customer_id bigint,\n    total numeric(10,2) DEFAULT 0 NOT NULL,\n"
                                + "    CONSTRAINT orders_pkey PRIMARY KEY (id),\n"
                                + "    CONSTRAINT orders_total_check CHECK ((total >= (0)::numeric))\n)",
                        "CREATE TABLE public.customers (\n    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,\n"
                                + "    CONSTRAINT customers_pkey PRIMARY KEY (id)\n)",
                        "ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                                + " REFERENCES public.customers(id)");
        assertThat(plan.steps()).allMatch(s -> s.phase() == EXPAND && s.transactional());
    }

    @Test
    void addsANullableColumnInTheExpandPhaseAndDropsOneInTheContractPhase() {
        DatabaseSchema before = schema(List.of(orders(List.of(id(), col("old_ref", "text")))));
        DatabaseSchema after = schema(List.of(orders(List.of(id(), col("ref", "text")))));

        List<PlanStep> steps = SchemaDiffer.plan(before, after).steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "ALTER TABLE public.orders ADD COLUMN ref text",
                        "ALTER TABLE public.orders DROP COLUMN old_ref");
        assertThat(steps.get(0).phase()).isEqualTo(EXPAND);
        assertThat(steps.get(1).phase()).isEqualTo(CONTRACT);
        assertThat(steps.get(1).hazards())
                .contains(Hazard.DELETES_DATA, Hazard.BREAKS_OLD_CODE, Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK);
        assertThat(steps.get(0).object()).isEqualTo("column public.orders.ref");
    }

    @Test
    void setsNotNullThroughAValidatedCheckInTheContractPhaseWhenTheColumnHasNoDefault() {
        DatabaseSchema before = schema(List.of(orders(List.of(id(), col("ref", "text")))));
        DatabaseSchema after =
                schema(List.of(orders(List.of(id(), new Column("ref", "text", null, null, true, null, null, null)))));

        List<PlanStep> steps = SchemaDiffer.plan(before, after).steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "ALTER TABLE public.orders ADD CONSTRAINT orders_ref_not_null CHECK (ref IS NOT NULL) NOT VALID",
                        "ALTER TABLE public.orders VALIDATE CONSTRAINT orders_ref_not_null",
                        "ALTER TABLE public.orders ALTER COLUMN ref SET NOT NULL",
                        "ALTER TABLE public.orders DROP CONSTRAINT orders_ref_not_null");
        assertThat(steps).allMatch(s -> s.phase() == CONTRACT);
        assertThat(steps.get(1).hazards()).containsExactly(Hazard.SCANS_TABLE);
        assertThat(steps.get(2).hazards()).doesNotContain(Hazard.SCANS_TABLE);
    }

    @Test
    void setsNotNullInTheExpandPhaseWhenTheColumnHasADefault() {
        DatabaseSchema before = schema(
                List.of(orders(List.of(id(), new Column("ref", "text", null, "'x'::text", false, null, null, null)))));
        DatabaseSchema after = schema(
                List.of(orders(List.of(id(), new Column("ref", "text", null, "'x'::text", true, null, null, null)))));

        assertThat(SchemaDiffer.plan(before, after).steps()).hasSize(4).allMatch(s -> s.phase() == EXPAND);
    }

    @Test
    void addsANotNullColumnWithoutDefaultNullableThenSetsNotNullInTheContractPhase() {
        DatabaseSchema before = schema(List.of(orders(List.of(id()))));
        DatabaseSchema after =
                schema(List.of(orders(List.of(id(), new Column("ref", "text", null, null, true, null, null, null)))));

        List<PlanStep> steps = SchemaDiffer.plan(before, after).steps();

        assertThat(steps.get(0).sql()).isEqualTo("ALTER TABLE public.orders ADD COLUMN ref text");
        assertThat(steps.get(0).phase()).isEqualTo(EXPAND);
        assertThat(steps.subList(1, steps.size())).hasSize(4).allMatch(s -> s.phase() == CONTRACT);
    }

    @Test
    void widensAVarcharWithoutRewriteAndConvertsOtherTypesWithUsing() {
        DatabaseSchema before =
                schema(List.of(orders(List.of(id(), col("ref", "character varying(20)"), col("code", "text")))));
        DatabaseSchema after =
                schema(List.of(orders(List.of(id(), col("ref", "character varying(80)"), col("code", "integer")))));

        List<PlanStep> steps = SchemaDiffer.plan(before, after).steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "ALTER TABLE public.orders ALTER COLUMN ref TYPE character varying(80)",
                        "ALTER TABLE public.orders ALTER COLUMN code TYPE integer USING code::integer");
        assertThat(steps.get(0).hazards()).doesNotContain(Hazard.REWRITES_TABLE);
        assertThat(steps.get(0).phase()).isEqualTo(EXPAND);
        assertThat(steps.get(1).hazards()).contains(Hazard.REWRITES_TABLE);
        assertThat(steps.get(1).phase()).isEqualTo(CONTRACT);
    }

    @Test
    void knowsWhichTypeChangesNeedNoRewrite() {
        assertThat(Ddl.binaryCoercible("character varying(10)", "character varying(11)"))
                .isTrue();
        assertThat(Ddl.binaryCoercible("character varying(10)", "character varying"))
                .isTrue();
        assertThat(Ddl.binaryCoercible("character varying(10)", "text")).isTrue();
        assertThat(Ddl.binaryCoercible("character varying(10)", "character varying(9)"))
                .isFalse();
        assertThat(Ddl.binaryCoercible("text", "character varying(9)")).isFalse();
        assertThat(Ddl.binaryCoercible("numeric(10,2)", "numeric(12,2)")).isTrue();
        assertThat(Ddl.binaryCoercible("numeric(10,2)", "numeric(12,3)")).isFalse();
        assertThat(Ddl.binaryCoercible("numeric(10,2)", "numeric")).isTrue();
        assertThat(Ddl.binaryCoercible("integer", "bigint")).isFalse();
        assertThat(Ddl.widens("integer", "bigint")).isTrue();
        assertThat(Ddl.widens("bigint", "integer")).isFalse();
    }

    @Test
    void dropsTheDefaultAroundATypeChange() {
        DatabaseSchema before =
                schema(List.of(orders(List.of(id(), new Column("n", "integer", null, "0", false, null, null, null)))));
        DatabaseSchema after =
                schema(List.of(orders(List.of(id(), new Column("n", "bigint", null, "0", false, null, null, null)))));

        assertThat(sqls(SchemaDiffer.plan(before, after)))
                .containsExactly(
                        "ALTER TABLE public.orders ALTER COLUMN n DROP DEFAULT",
                        "ALTER TABLE public.orders ALTER COLUMN n TYPE bigint USING n::bigint",
                        "ALTER TABLE public.orders ALTER COLUMN n SET DEFAULT 0");
    }

    @Test
    void addsAForeignKeyNotValidThenValidatesItInAStepOfItsOwn() {
        Table customers = new Table(
                CUSTOMERS,
                List.of(id()),
                List.of(pk("customers_pkey")),
                List.of(pkIndex(CUSTOMERS, "customers_pkey")),
                List.of(),
                null,
                null,
                null,
                false,
                false,
                null);
        DatabaseSchema before = schema(List.of(customers, orders(List.of(id(), col("customer_id", "bigint")))));
        Table orders = withConstraints(
                orders(List.of(id(), col("customer_id", "bigint"))),
                List.of(constraint(
                        "orders_customer_fk",
                        Constraint.Kind.FOREIGN_KEY,
                        "FOREIGN KEY (customer_id) REFERENCES public.customers(id)",
                        CUSTOMERS)));
        DatabaseSchema after = schema(List.of(customers, orders));

        List<PlanStep> steps = SchemaDiffer.plan(before, after).steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                                + " REFERENCES public.customers(id) NOT VALID",
                        "ALTER TABLE public.orders VALIDATE CONSTRAINT orders_customer_fk");
        assertThat(steps.get(0).hazards()).containsExactly(Hazard.ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK);
        assertThat(steps.get(1).hazards()).containsExactly(Hazard.SCANS_TABLE);
    }

    @Test
    void addsAUniqueConstraintThroughAnIndexBuiltConcurrentlyBeforeTheForeignKeysThatNeedIt() {
        Table customersBefore = new Table(
                CUSTOMERS,
                List.of(id(), col("email", "text")),
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                false,
                false,
                null);
        Table customersAfter = new Table(
                CUSTOMERS,
                List.of(id(), col("email", "text")),
                List.of(constraint("customers_email_key", Constraint.Kind.UNIQUE, "UNIQUE (email)", null)),
                List.of(new Index(
                        "customers_email_key",
                        "CREATE UNIQUE INDEX customers_email_key ON public.customers USING btree (email)",
                        List.of("email"),
                        true,
                        "customers_email_key",
                        null,
                        true,
                        null,
                        null)),
                List.of(),
                null,
                null,
                null,
                false,
                false,
                null);
        Table ordersBefore = orders(List.of(id(), col("email", "text")));
        Table ordersAfter = withConstraints(
                ordersBefore,
                List.of(constraint(
                        "orders_email_fk",
                        Constraint.Kind.FOREIGN_KEY,
                        "FOREIGN KEY (email) REFERENCES public.customers(email)",
                        CUSTOMERS)));

        List<PlanStep> steps = SchemaDiffer.plan(
                        schema(List.of(customersBefore, ordersBefore)), schema(List.of(ordersAfter, customersAfter)))
                .steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON public.customers USING btree (email)",
                        "ALTER TABLE public.customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_key",
                        "ALTER TABLE public.orders ADD CONSTRAINT orders_email_fk FOREIGN KEY (email) REFERENCES public.customers(email) NOT VALID",
                        "ALTER TABLE public.orders VALIDATE CONSTRAINT orders_email_fk");
        assertThat(steps.get(0).transactional()).isFalse();
        assertThat(steps.get(1).transactional()).isTrue();
    }

    @Test
    void createsAndDropsIndexesConcurrentlyEachOutsideATransactionAndRebuildsAChangedOne() {
        Index byRef = index("orders_ref_idx", "CREATE INDEX orders_ref_idx ON public.orders USING btree (ref)");
        Index byRefLower =
                index("orders_ref_idx", "CREATE INDEX orders_ref_idx ON public.orders USING btree (lower(ref))");
        Index byId = index("orders_id_idx", "CREATE INDEX orders_id_idx ON public.orders USING btree (id)");
        DatabaseSchema before =
                schema(List.of(withIndexes(orders(List.of(id(), col("ref", "text"))), List.of(byId, byRef))));
        DatabaseSchema after =
                schema(List.of(withIndexes(orders(List.of(id(), col("ref", "text"))), List.of(byRefLower))));

        List<PlanStep> steps = SchemaDiffer.plan(before, after).steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "DROP INDEX CONCURRENTLY public.orders_ref_idx",
                        "CREATE INDEX CONCURRENTLY orders_ref_idx ON public.orders USING btree (lower(ref))",
                        "DROP INDEX CONCURRENTLY public.orders_id_idx");
        assertThat(steps).noneMatch(PlanStep::transactional);
        assertThat(steps.get(2).hazards()).containsExactly(Hazard.INDEX_DROPPED);
        assertThat(steps.get(1).hazards()).containsExactly(Hazard.INDEX_BUILD);
    }

    @Test
    void addsEnumLabelsInPlaceEachInAStepOutsideATransaction() {
        QualifiedName status = new QualifiedName("public", "status");
        DatabaseSchema before = schema(
                List.of(),
                List.of(new EnumType(status, List.of("open", "closed"), null)),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        DatabaseSchema after = schema(
                List.of(),
                List.of(new EnumType(status, List.of("new", "open", "paid", "closed", "archived"), null)),
                List.of(),
                List.of(),
                List.of(),
                List.of());

        List<PlanStep> steps = SchemaDiffer.plan(before, after).steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "ALTER TYPE public.status ADD VALUE 'new' BEFORE 'open'",
                        "ALTER TYPE public.status ADD VALUE 'paid' AFTER 'open'",
                        "ALTER TYPE public.status ADD VALUE 'archived' AFTER 'closed'");
        assertThat(steps).allMatch(s -> !s.transactional() && s.phase() == EXPAND);
    }

    @Test
    void recreatesAnEnumWithoutARemovedLabelInTheContractPhaseConvertingItsColumnsThroughText() {
        QualifiedName status = new QualifiedName("public", "status");
        Table orders = orders(List.of(
                id(), new Column("state", "public.status", null, "'open'::public.status", true, null, null, null)));
        DatabaseSchema before = schema(
                List.of(orders),
                List.of(new EnumType(status, List.of("open", "lost", "closed"), null)),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        DatabaseSchema after = schema(
                List.of(orders),
                List.of(new EnumType(status, List.of("open", "closed"), null)),
                List.of(),
                List.of(),
                List.of(),
                List.of());

        List<PlanStep> steps = SchemaDiffer.plan(before, after).steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "ALTER TYPE public.status RENAME TO status__slipway_old",
                        "CREATE TYPE public.status AS ENUM ('open', 'closed')",
                        "ALTER TABLE public.orders ALTER COLUMN state DROP DEFAULT",
                        "ALTER TABLE public.orders ALTER COLUMN state TYPE public.status USING state::text::public.status",
                        "ALTER TABLE public.orders ALTER COLUMN state SET DEFAULT 'open'::public.status",
                        "DROP TYPE public.status__slipway_old");
        assertThat(steps).allMatch(s -> s.phase() == CONTRACT);
        assertThat(steps.get(3).hazards()).contains(Hazard.DELETES_DATA, Hazard.REWRITES_TABLE);
    }

    @Test
    void dropsAViewThatUsesAColumnWhoseTypeChangesBeforeTheChangeAndCreatesItAfter() {
        QualifiedName totals = new QualifiedName("public", "totals");
        View view = new View(
                totals,
                false,
                " SELECT orders.id,\n    orders.n\n   FROM public.orders;",
                List.of("id", "n"),
                List.of(),
                List.of(),
                "sums");
        List<Dependency> uses = List.of(new Dependency(
                new ObjectRef(ObjectRef.Kind.VIEW, totals, null), new ObjectRef(ObjectRef.Kind.COLUMN, ORDERS, "n")));
        DatabaseSchema before = schema(
                List.of(orders(List.of(id(), col("n", "integer")))),
                List.of(),
                List.of(),
                List.of(view),
                List.of(),
                uses);
        DatabaseSchema after = schema(
                List.of(orders(List.of(id(), col("n", "bigint")))),
                List.of(),
                List.of(),
                List.of(view),
                List.of(),
                uses);

        List<PlanStep> steps = SchemaDiffer.plan(before, after).steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "DROP VIEW public.totals",
                        "ALTER TABLE public.orders ALTER COLUMN n TYPE bigint USING n::bigint",
                        "CREATE VIEW public.totals AS\nSELECT orders.id,\n    orders.n\n   FROM public.orders",
                        "COMMENT ON VIEW public.totals IS 'sums'");
        assertThat(steps).allMatch(s -> s.phase() == EXPAND);
    }

    @Test
    void replacesAViewThatOnlyGainsColumnsAtTheEnd() {
        QualifiedName v = new QualifiedName("public", "v");
        DatabaseSchema before = schema(
                List.of(),
                List.of(),
                List.of(),
                List.of(new View(v, false, " SELECT 1 AS a;", List.of("a"), List.of(), List.of(), null)),
                List.of(),
                List.of());
        DatabaseSchema after = schema(
                List.of(),
                List.of(),
                List.of(),
                List.of(new View(
                        v, false, " SELECT 1 AS a,\n    2 AS b;", List.of("a", "b"), List.of(), List.of(), null)),
                List.of(),
                List.of());

        assertThat(sqls(SchemaDiffer.plan(before, after)))
                .containsExactly("CREATE OR REPLACE VIEW public.v AS\nSELECT 1 AS a,\n    2 AS b");
        DatabaseSchema fewer = schema(
                List.of(),
                List.of(),
                List.of(),
                List.of(new View(v, false, " SELECT 2 AS b;", List.of("b"), List.of(), List.of(), null)),
                List.of(),
                List.of());
        assertThat(sqls(SchemaDiffer.plan(before, fewer)))
                .containsExactly("DROP VIEW public.v", "CREATE VIEW public.v AS\nSELECT 2 AS b");
    }

    @Test
    void replacesARoutineBodyAndDropsAndCreatesOneWhoseSignatureChanged() {
        QualifiedName f = new QualifiedName("public", "f");
        Routine one = new Routine(
                f,
                "a integer",
                false,
                "CREATE OR REPLACE FUNCTION public.f(a integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$select a$function$\n",
                null);
        Routine body = new Routine(
                f,
                "a integer",
                false,
                "CREATE OR REPLACE FUNCTION public.f(a integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$select a + 1$function$\n",
                null);
        Routine two = new Routine(
                f,
                "a bigint",
                false,
                "CREATE OR REPLACE FUNCTION public.f(a bigint)\n RETURNS integer\n LANGUAGE sql\nAS $function$select 1$function$\n",
                null);

        SchemaPlan replaced = SchemaDiffer.plan(routines(one), routines(body));
        SchemaPlan resigned = SchemaDiffer.plan(routines(one), routines(two));

        assertThat(sqls(replaced)).containsExactly(body.definition().strip());
        assertThat(replaced.steps().get(0).hazards()).containsExactly(Hazard.UNTRACKED_DEPENDENCIES);
        assertThat(sqls(resigned)).containsExactly(two.definition().strip(), "DROP FUNCTION public.f(a integer)");
        assertThat(resigned.steps().get(1).phase()).isEqualTo(CONTRACT);
    }

    @Test
    void createsAnOwnedSequenceBeforeItsTableAndSetsItsOwnerAfter() {
        QualifiedName seq = new QualifiedName("public", "orders_n_seq");
        Table orders = orders(List.of(
                id(),
                new Column("n", "integer", null, "nextval('public.orders_n_seq'::regclass)", true, null, null, null)));
        Sequence sequence =
                new Sequence(seq, "integer", 1, 1, 1, 2147483647, 1, false, new ColumnRef(ORDERS, "n"), null);
        DatabaseSchema after = new DatabaseSchema(
                150000,
                List.of(new Namespace("public", null)),
                List.of(),
                List.of(),
                List.of(sequence),
                List.of(orders),
                List.of(),
                List.of(),
                List.of(),
                List.of());

        List<String> sql = sqls(SchemaDiffer.plan(schema(List.of()), after));

        assertThat(sql.get(0))
                .isEqualTo(
                        "CREATE SEQUENCE public.orders_n_seq AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE");
        assertThat(sql.get(1)).startsWith("CREATE TABLE public.orders");
        assertThat(sql.get(2)).isEqualTo("ALTER SEQUENCE public.orders_n_seq OWNED BY public.orders.n");
    }

    @Test
    void createsANewPartitionOfAnExistingParent() {
        Table parent = new Table(
                ORDERS,
                List.of(id(), col("created", "date")),
                List.of(),
                List.of(),
                List.of(),
                "RANGE (created)",
                null,
                null,
                false,
                false,
                null);
        Table january = new Table(
                new QualifiedName("public", "orders_2024_01"),
                List.of(id(), col("created", "date")),
                List.of(),
                List.of(),
                List.of(),
                null,
                ORDERS,
                "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')",
                false,
                false,
                null);

        SchemaPlan plan = SchemaDiffer.plan(schema(List.of(parent)), schema(List.of(parent, january)));

        assertThat(sqls(plan))
                .containsExactly(
                        "CREATE TABLE public.orders_2024_01 PARTITION OF public.orders FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')");
        assertThat(plan.steps().get(0).hazards()).contains(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK);
        assertThat(SchemaDiffer.plan(schema(List.of(parent, january)), schema(List.of(parent)))
                        .steps())
                .extracting(PlanStep::sql)
                .containsExactly("DROP TABLE public.orders_2024_01");
    }

    @Test
    void dropsPartitionsAndReferencingTablesBeforeWhatTheyDependOn() {
        Table parent = new Table(
                ORDERS, List.of(id()), List.of(), List.of(), List.of(), "RANGE (id)", null, null, false, false, null);
        Table part = new Table(
                new QualifiedName("public", "orders_1"),
                List.of(id()),
                List.of(),
                List.of(),
                List.of(),
                null,
                ORDERS,
                "DEFAULT",
                false,
                false,
                null);

        assertThat(sqls(SchemaDiffer.plan(schema(List.of(parent, part)), schema(List.of()))))
                .containsExactly("DROP TABLE public.orders_1", "DROP TABLE public.orders");
    }

    @Test
    void recreatesAChangedTriggerAndAppliesItsEnabledState() {
        QualifiedName f = new QualifiedName("public", "touch");
        Trigger before = new Trigger(
                "orders_touch",
                "CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch()",
                f,
                'O',
                false,
                null);
        Trigger after = new Trigger(
                "orders_touch",
                "CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch()",
                f,
                'D',
                false,
                null);

        assertThat(sqls(SchemaDiffer.plan(
                        schema(List.of(withTriggers(orders(List.of(id())), List.of(before)))),
                        schema(List.of(withTriggers(orders(List.of(id())), List.of(after)))))))
                .containsExactly(
                        "DROP TRIGGER orders_touch ON public.orders",
                        after.definition(),
                        "ALTER TABLE public.orders DISABLE TRIGGER orders_touch");
    }

    @Test
    void quotesNamesThatNeedItAndEndsNoStatementWithASemicolon() {
        Table odd = new Table(
                new QualifiedName("Sales", "Order"),
                List.of(col("select", "text")),
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                false,
                false,
                "it's");
        DatabaseSchema after = new DatabaseSchema(
                150000,
                List.of(new Namespace("Sales", null), new Namespace("public", null)),
                List.of(new Extension("pg_trgm", "Sales", "1.6")),
                List.of(),
                List.of(),
                List.of(odd),
                List.of(),
                List.of(),
                List.of(),
                List.of());

        List<String> sql = sqls(SchemaDiffer.plan(schema(List.of()), after));

        assertThat(sql)
                .containsExactly(
                        "CREATE SCHEMA \"Sales\"",
                        "CREATE EXTENSION pg_trgm WITH SCHEMA \"Sales\" VERSION '1.6'",
                        "CREATE TABLE \"Sales\".\"Order\" (\n    \"select\" text\n)",
                        "COMMENT ON TABLE \"Sales\".\"Order\" IS 'it''s'");
        assertThat(sql).noneMatch(s -> s.endsWith(";"));
    }

    @Test
    void updatesAnExtensionWhoseVersionChanged() {
        DatabaseSchema before = new DatabaseSchema(
                150000,
                List.of(),
                List.of(new Extension("hstore", "public", "1.7")),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        DatabaseSchema after = new DatabaseSchema(
                150000,
                List.of(),
                List.of(new Extension("hstore", "public", "1.8")),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());

        assertThat(sqls(SchemaDiffer.plan(before, after))).containsExactly("ALTER EXTENSION hstore UPDATE TO '1.8'");
    }

    @Test
    void listsUnsupportedObjectsPresentOnOneSideOnly() {
        UnsupportedObject domain = new UnsupportedObject("domain", "public.positive_int");
        UnsupportedObject policy = new UnsupportedObject("policy", "own_rows on public.orders");
        DatabaseSchema before = new DatabaseSchema(
                150000,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(domain, policy));
        DatabaseSchema after = new DatabaseSchema(
                150000,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(policy));

        SchemaPlan plan = SchemaDiffer.plan(before, after);

        assertThat(plan.unsupported()).containsExactly(domain);
        assertThat(plan.isEmpty()).isFalse();
    }

    @Test
    void cutsTheNotNullCheckNameToSixtyThreeBytes() {
        assertThat(TablePlanner.notNullCheckName("t".repeat(40), "c".repeat(40)))
                .hasSize(63);
    }

    @Test
    void indexesAnExistingPartitionedTableOnlyOnTheParentThenEachPartitionConcurrently() {
        Table parent = new Table(
                ORDERS,
                List.of(id(), col("ref", "text")),
                List.of(),
                List.of(),
                List.of(),
                "HASH (id)",
                null,
                null,
                false,
                false,
                null);
        QualifiedName p0 = new QualifiedName("public", "orders_0");
        Table part = new Table(
                p0,
                parent.columns(),
                List.of(),
                List.of(),
                List.of(),
                null,
                ORDERS,
                "FOR VALUES WITH (modulus 1, remainder 0)",
                false,
                false,
                null);
        Index parentIndex =
                index("orders_ref_idx", "CREATE INDEX orders_ref_idx ON ONLY public.orders USING btree (ref)");
        Index childIndex = new Index(
                "orders_0_ref_idx",
                "CREATE INDEX orders_0_ref_idx ON public.orders_0 USING btree (ref)",
                List.of("ref"),
                false,
                null,
                null,
                true,
                new QualifiedName("public", "orders_ref_idx"),
                null);

        List<PlanStep> steps = SchemaDiffer.plan(
                        schema(List.of(parent, part)),
                        schema(List.of(
                                withIndexes(parent, List.of(parentIndex)), withIndexes(part, List.of(childIndex)))))
                .steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "CREATE INDEX orders_ref_idx ON ONLY public.orders USING btree (ref)",
                        "CREATE INDEX CONCURRENTLY orders_0_ref_idx ON public.orders_0 USING btree (ref)",
                        "ALTER INDEX public.orders_ref_idx ATTACH PARTITION public.orders_0_ref_idx");
        assertThat(steps).extracting(PlanStep::transactional).containsExactly(true, false, true);
    }

    @Test
    void recreatesAChangedMaterializedViewAndDropsARemovedViewInTheContractPhase() {
        QualifiedName mv = new QualifiedName("public", "mv");
        QualifiedName gone = new QualifiedName("public", "gone");
        View before = new View(mv, true, " SELECT 1 AS a;", List.of("a"), List.of(), List.of(), null);
        View after = new View(mv, true, " SELECT 1 AS a,\n    2 AS b;", List.of("a", "b"), List.of(), List.of(), null);
        View removed = new View(gone, false, " SELECT 1 AS x;", List.of("x"), List.of(), List.of(), null);

        List<PlanStep> steps = SchemaDiffer.plan(
                        schema(List.of(), List.of(), List.of(), List.of(before, removed), List.of(), List.of()),
                        schema(List.of(), List.of(), List.of(), List.of(after), List.of(), List.of()))
                .steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "DROP MATERIALIZED VIEW public.mv",
                        "CREATE MATERIALIZED VIEW public.mv AS\nSELECT 1 AS a,\n    2 AS b",
                        "DROP VIEW public.gone");
        assertThat(steps.get(1).hazards()).contains(Hazard.SCANS_TABLE);
        assertThat(steps.get(2).phase()).isEqualTo(CONTRACT);
        assertThat(steps.get(2).hazards()).contains(Hazard.BREAKS_OLD_CODE);
    }

    @Test
    void recreatesAViewAroundANarrowingTypeChangeInTheContractPhase() {
        QualifiedName v = new QualifiedName("public", "v");
        View view = new View(
                v, false, " SELECT orders.ref FROM public.orders;", List.of("ref"), List.of(), List.of(), null);
        List<Dependency> uses = List.of(new Dependency(
                new ObjectRef(ObjectRef.Kind.VIEW, v, null), new ObjectRef(ObjectRef.Kind.COLUMN, ORDERS, "ref")));

        List<PlanStep> steps = SchemaDiffer.plan(
                        schema(
                                List.of(orders(List.of(id(), col("ref", "text")))),
                                List.of(),
                                List.of(),
                                List.of(view),
                                List.of(),
                                uses),
                        schema(
                                List.of(orders(List.of(id(), col("ref", "character varying(10)")))),
                                List.of(),
                                List.of(),
                                List.of(view),
                                List.of(),
                                uses))
                .steps();

        assertThat(steps).extracting(PlanStep::phase).containsOnly(CONTRACT);
        assertThat(steps.get(1).hazards()).contains(Hazard.REWRITES_TABLE, Hazard.BREAKS_OLD_CODE);
    }

    @Test
    void dropsAndRecreatesATriggerWhoseFunctionIsRecreated() {
        QualifiedName f = new QualifiedName("public", "touch");
        Routine before = new Routine(
                f,
                "",
                false,
                "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$BEGIN RETURN NEW; END$function$\n",
                null);
        Routine after = new Routine(
                f,
                "",
                false,
                "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS event_trigger\n LANGUAGE plpgsql\nAS $function$BEGIN END$function$\n",
                null);
        Trigger trigger = new Trigger(
                "t",
                "CREATE TRIGGER t BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch()",
                f,
                'O',
                false,
                null);
        Table table = withTriggers(orders(List.of(id())), List.of(trigger));

        assertThat(sqls(SchemaDiffer.plan(
                        schema(List.of(table), List.of(), List.of(), List.of(), List.of(before), List.of()),
                        schema(List.of(table), List.of(), List.of(), List.of(), List.of(after), List.of()))))
                .containsExactly(
                        "DROP TRIGGER t ON public.orders",
                        "DROP FUNCTION public.touch()",
                        after.definition().strip(),
                        trigger.definition());
    }

    @Test
    void dropsTheForeignKeysOfARemovedPrimaryKeyFirst() {
        Table customers = new Table(
                CUSTOMERS,
                List.of(id()),
                List.of(pk("customers_pkey")),
                List.of(pkIndex(CUSTOMERS, "customers_pkey")),
                List.of(),
                null,
                null,
                null,
                false,
                false,
                null);
        Table bare = new Table(
                CUSTOMERS, List.of(id()), List.of(), List.of(), List.of(), null, null, null, false, false, null);
        Table orders = withConstraints(
                orders(List.of(id(), col("customer_id", "bigint"))),
                List.of(constraint(
                        "orders_customer_fk",
                        Constraint.Kind.FOREIGN_KEY,
                        "FOREIGN KEY (customer_id) REFERENCES public.customers(id)",
                        CUSTOMERS)));

        assertThat(sqls(SchemaDiffer.plan(
                        schema(List.of(customers, orders)),
                        schema(List.of(bare, orders(List.of(id(), col("customer_id", "bigint"))))))))
                .containsExactly(
                        "ALTER TABLE public.orders DROP CONSTRAINT orders_customer_fk",
                        "ALTER TABLE public.customers DROP CONSTRAINT customers_pkey");
    }

    @Test
    void switchesUnloggedAndRowLevelSecurityWithTheirHazards() {
        Table before = orders(List.of(id()));
        Table after = new Table(
                ORDERS, before.columns(), List.of(), List.of(), List.of(), null, null, null, true, true, null);

        List<PlanStep> steps = SchemaDiffer.plan(schema(List.of(before)), schema(List.of(after)))
                .steps();

        assertThat(steps)
                .extracting(PlanStep::sql)
                .containsExactly(
                        "ALTER TABLE public.orders SET UNLOGGED",
                        "ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY");
        assertThat(steps.get(0).hazards()).contains(Hazard.REWRITES_TABLE);
    }

    @Test
    void rebuildsAGeneratedColumnWhoseExpressionChanged() {
        Table before = orders(
                List.of(id(), col("a", "text"), new Column("b", "text", null, null, false, null, "lower(a)", null)));
        Table after = orders(
                List.of(id(), col("a", "text"), new Column("b", "text", null, null, false, null, "upper(a)", null)));

        assertThat(sqls(SchemaDiffer.plan(schema(List.of(before)), schema(List.of(after)))))
                .containsExactly(
                        "ALTER TABLE public.orders DROP COLUMN b",
                        "ALTER TABLE public.orders ADD COLUMN b text GENERATED ALWAYS AS (upper(a)) STORED");
    }

    @Test
    void dropsARemovedSequenceIfItIsStillThere() {
        Sequence sequence =
                new Sequence(new QualifiedName("public", "s"), "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, null, null);
        DatabaseSchema before = schema(List.of(), List.of(), List.of(sequence), List.of(), List.of(), List.of());

        List<PlanStep> steps = SchemaDiffer.plan(before, schema(List.of())).steps();

        assertThat(steps).extracting(PlanStep::sql).containsExactly("DROP SEQUENCE IF EXISTS public.s");
        assertThat(steps.get(0).phase()).isEqualTo(CONTRACT);
    }

    // ------------------------------------------------------------------------------------------- models

    private static List<String> sqls(SchemaPlan plan) {
        return plan.steps().stream().map(PlanStep::sql).toList();
    }

    private static Column id() {
        return new Column("id", "bigint", null, null, true, Column.Identity.ALWAYS, null, null);
    }

    private static Column col(String name, String type) {
        return new Column(name, type, null, null, false, null, null, null);
    }

    private static Constraint pk(String name) {
        return new Constraint(
                name,
                Constraint.Kind.PRIMARY_KEY,
                "PRIMARY KEY (id)",
                List.of("id"),
                null,
                true,
                false,
                false,
                false,
                null);
    }

    private static Index pkIndex(QualifiedName table, String name) {
        return new Index(
                name,
                "CREATE UNIQUE INDEX " + name + " ON " + table.toSql() + " USING btree (id)",
                List.of("id"),
                true,
                name,
                null,
                true,
                null,
                null);
    }

    private static Index index(String name, String definition) {
        return new Index(name, definition, List.of(), false, null, null, true, null, null);
    }

    private static Constraint constraint(
            String name, Constraint.Kind kind, String definition, QualifiedName references) {
        return new Constraint(name, kind, definition, List.of(), references, true, false, false, false, null);
    }

    private static Table orders(List<Column> columns) {
        return new Table(ORDERS, columns, List.of(), List.of(), List.of(), null, null, null, false, false, null);
    }

    private static Table withConstraints(Table t, List<Constraint> constraints) {
        return new Table(
                t.name(),
                t.columns(),
                constraints,
                t.indexes(),
                t.triggers(),
                t.partitionKey(),
                t.partitionOf(),
                t.partitionBound(),
                t.unlogged(),
                t.rowLevelSecurity(),
                t.comment());
    }

    private static Table withIndexes(Table t, List<Index> indexes) {
        return new Table(
                t.name(),
                t.columns(),
                t.constraints(),
                indexes,
                t.triggers(),
                t.partitionKey(),
                t.partitionOf(),
                t.partitionBound(),
                t.unlogged(),
                t.rowLevelSecurity(),
                t.comment());
    }

    private static Table withTriggers(Table t, List<Trigger> triggers) {
        return new Table(
                t.name(),
                t.columns(),
                t.constraints(),
                t.indexes(),
                triggers,
                t.partitionKey(),
                t.partitionOf(),
                t.partitionBound(),
                t.unlogged(),
                t.rowLevelSecurity(),
                t.comment());
    }

    private static DatabaseSchema schema(List<Table> tables) {
        return schema(tables, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static DatabaseSchema routines(Routine... routines) {
        return schema(List.of(), List.of(), List.of(), List.of(), List.of(routines), List.of());
    }

    private static DatabaseSchema schema(
            List<Table> tables,
            List<EnumType> enums,
            List<Sequence> sequences,
            List<View> views,
            List<Routine> routines,
            List<Dependency> dependencies) {
        return new DatabaseSchema(
                150000,
                List.of(new Namespace("public", null)),
                List.of(),
                enums,
                sequences,
                new ArrayList<>(tables),
                views,
                routines,
                dependencies,
                List.of());
    }
}
