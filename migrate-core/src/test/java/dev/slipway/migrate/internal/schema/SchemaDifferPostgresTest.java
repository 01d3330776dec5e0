package dev.slipway.migrate.internal.schema;

import static dev.slipway.migrate.MigrationPhase.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.PlanStep;
import dev.slipway.migrate.schema.SchemaPlan;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link SchemaDiffer} end to end on PostgreSQL: the old DDL in one fresh database, the new DDL in another, both read
 * through {@link CatalogReader}, the plan applied to the old one (runs of transactional steps in one transaction, the
 * others alone in autocommit), and the old database read again: the second plan must be empty. Each case runs in
 * both directions where the way back is also a plan (old and new swapped).
 */
@ExtendWith(PostgresExtension.class)
class SchemaDifferPostgresTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestDatabase db;

    SchemaDifferPostgresTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void plansTablesColumnsConstraintsAndIndexes() throws SQLException {
        String before = """
                CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text, legacy text);
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total numeric(10,2) DEFAULT 0,
                    note varchar(20));
                CREATE INDEX orders_note_idx ON orders (note);
                """;
        String after = """
                CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text,
                    CONSTRAINT customers_email_key UNIQUE (email));
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint
                        CONSTRAINT orders_customer_fk REFERENCES customers (id),
                    total numeric(12,2) DEFAULT 1 CONSTRAINT orders_total_check CHECK (total >= 0),
                    note text, placed_at timestamptz DEFAULT now() NOT NULL);
                CREATE INDEX orders_note_idx ON orders (lower(note));
                CREATE INDEX orders_placed_at_idx ON orders (placed_at) WHERE placed_at IS NOT NULL;
                CREATE TABLE "Audit Log" ("Id" serial PRIMARY KEY, "select" text);
                """;
        SchemaPlan plan = roundTrip(before, after, "INSERT INTO orders (id, total, note) VALUES (1, 5, 'x')");

        assertThat(sqls(plan))
                .contains(
                        "CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON public.customers USING btree (email)",
                        "ALTER TABLE public.customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX"
                                + " customers_email_key",
                        "ALTER TABLE public.orders VALIDATE CONSTRAINT orders_customer_fk",
                        "ALTER TABLE public.orders ALTER COLUMN note TYPE text",
                        "CREATE INDEX CONCURRENTLY orders_note_idx ON public.orders USING btree (lower(note))",
                        "ALTER TABLE public.customers DROP COLUMN legacy");
        assertThat(indexOf(plan, "ADD CONSTRAINT customers_email_key"))
                .isLessThan(indexOf(plan, "ADD CONSTRAINT orders_customer_fk"));
        roundTrip(after, before, "");
    }

    @Test
    void dropsAndRecreatesAViewAroundATypeChangeOfAColumnItUses() throws SQLException {
        String before = """
                CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL DEFAULT 0);
                CREATE VIEW item_qty AS SELECT id, qty FROM items;
                CREATE VIEW big_items AS SELECT id FROM item_qty WHERE qty > 10;
                COMMENT ON VIEW item_qty IS 'quantities';
                """;
        String after = before.replace("qty int", "qty bigint");
        SchemaPlan plan = roundTrip(before, after, "INSERT INTO items VALUES (1, 20)");

        assertThat(indexOf(plan, "DROP VIEW public.big_items")).isLessThan(indexOf(plan, "DROP VIEW public.item_qty"));
        assertThat(indexOf(plan, "DROP VIEW public.item_qty")).isLessThan(indexOf(plan, "TYPE bigint"));
        assertThat(indexOf(plan, "CREATE VIEW public.item_qty")).isGreaterThan(indexOf(plan, "TYPE bigint"));
        assertThat(indexOf(plan, "CREATE VIEW public.big_items"))
                .isGreaterThan(indexOf(plan, "CREATE VIEW public.item_qty"));
    }

    @Test
    void createsANewPartitionAndAnIndexOnAPartitionedTable() throws SQLException {
        String before = """
                CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text,
                    PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE events_2024_01 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
                """;
        String after = before + """
                CREATE TABLE events_2024_02 PARTITION OF events FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
                CREATE TABLE events_default PARTITION OF events DEFAULT;
                CREATE INDEX events_kind_idx ON events (kind);
                """;
        SchemaPlan plan = roundTrip(before, after, "INSERT INTO events VALUES (1, '2024-01-05', 'a')");

        assertThat(sqls(plan))
                .contains("CREATE TABLE public.events_2024_02 PARTITION OF public.events FOR VALUES FROM ('2024-02-01')"
                        + " TO ('2024-03-01')");
        assertThat(sqls(plan))
                .containsSubsequence(
                        "CREATE INDEX events_kind_idx ON ONLY public.events USING btree (kind)",
                        "CREATE INDEX CONCURRENTLY events_2024_01_kind_idx ON public.events_2024_01 USING btree (kind)",
                        "ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_2024_01_kind_idx");
        assertThat(plan.steps())
                .filteredOn(s -> s.sql().contains("CONCURRENTLY"))
                .hasSize(3)
                .noneMatch(PlanStep::transactional);
    }

    @Test
    void addsAnEnumValueOutsideATransactionBeforeADefaultUsesIt() throws SQLException {
        String before = """
                CREATE TYPE status AS ENUM ('open', 'closed');
                CREATE TABLE tickets (id int PRIMARY KEY, state status NOT NULL DEFAULT 'open');
                """;
        String after = """
                CREATE TYPE status AS ENUM ('new', 'open', 'pending', 'closed');
                CREATE TABLE tickets (id int PRIMARY KEY, state status NOT NULL DEFAULT 'new');
                """;
        SchemaPlan plan = roundTrip(before, after, "INSERT INTO tickets VALUES (1, 'closed')");

        assertThat(plan.steps())
                .filteredOn(s -> s.sql().contains("ADD VALUE"))
                .extracting(PlanStep::sql)
                .containsExactly(
                        "ALTER TYPE public.status ADD VALUE 'new' BEFORE 'open'",
                        "ALTER TYPE public.status ADD VALUE 'pending' AFTER 'open'");
        assertThat(plan.steps()).filteredOn(s -> s.sql().contains("ADD VALUE")).noneMatch(PlanStep::transactional);
    }

    @Test
    void recreatesAnEnumWhoseLabelIsRemovedKeepingTheRowsThatFit() throws SQLException {
        String before = """
                CREATE TYPE status AS ENUM ('open', 'lost', 'closed');
                CREATE TABLE tickets (id int PRIMARY KEY, state status NOT NULL DEFAULT 'open', history status[]);
                CREATE VIEW open_tickets AS SELECT id FROM tickets WHERE state = 'open';
                """;
        String after = before.replace("'open', 'lost', 'closed'", "'open', 'closed'");
        TestDatabase old = roundTripKeepingOld(before, after, "INSERT INTO tickets VALUES (1, 'closed', '{open}')");

        assertThat(old.queryString("SELECT state::text FROM tickets")).isEqualTo("closed");
    }

    @Test
    void setsNotNullThroughAValidatedCheck() throws SQLException {
        String before = "CREATE TABLE people (id int PRIMARY KEY, name text, nick text)";
        String after = "CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nick text NOT NULL DEFAULT '')";
        SchemaPlan plan = roundTrip(before, after, "INSERT INTO people VALUES (1, 'ann', 'a')");

        assertThat(sqls(plan))
                .containsSubsequence(
                        "ALTER TABLE public.people ADD CONSTRAINT people_name_not_null CHECK (name IS NOT NULL) NOT VALID",
                        "ALTER TABLE public.people VALIDATE CONSTRAINT people_name_not_null",
                        "ALTER TABLE public.people ALTER COLUMN name SET NOT NULL",
                        "ALTER TABLE public.people DROP CONSTRAINT people_name_not_null");
        assertThat(plan.steps())
                .filteredOn(s -> s.sql().contains("people_name_not_null"))
                .allMatch(s -> s.phase() == CONTRACT);
    }

    @Test
    void addsAForeignKeyAndACheckNotValidThenValidates() throws SQLException {
        String before = """
                CREATE TABLE authors (id int PRIMARY KEY);
                CREATE TABLE books (id int PRIMARY KEY, author_id int, pages int);
                """;
        String after = """
                CREATE TABLE authors (id int PRIMARY KEY);
                CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors ON DELETE CASCADE,
                    pages int CHECK (pages > 0));
                """;
        SchemaPlan plan =
                roundTrip(before, after, "INSERT INTO authors VALUES (1); INSERT INTO books VALUES (1, 1, 10)");

        assertThat(sqls(plan))
                .containsExactly(
                        "ALTER TABLE public.books ADD CONSTRAINT books_pages_check CHECK ((pages > 0)) NOT VALID",
                        "ALTER TABLE public.books VALIDATE CONSTRAINT books_pages_check",
                        "ALTER TABLE public.books ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id)"
                                + " REFERENCES public.authors(id) ON DELETE CASCADE NOT VALID",
                        "ALTER TABLE public.books VALIDATE CONSTRAINT books_author_id_fkey");
    }

    @Test
    void replacesRoutinesAndRecreatesTriggers() throws SQLException {
        String before = """
                CREATE TABLE notes (id int PRIMARY KEY, body text, touched timestamptz);
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.touched := now(); RETURN NEW; END$$;
                CREATE FUNCTION word_count(t text) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT 1$$;
                CREATE PROCEDURE purge() LANGUAGE sql AS $$DELETE FROM public.notes$$;
                CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();
                """;
        String after = """
                CREATE TABLE notes (id int PRIMARY KEY, body text, touched timestamptz);
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.touched := clock_timestamp(); RETURN NEW; END$$;
                CREATE FUNCTION word_count(t text, sep text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$SELECT 2::bigint$$;
                CREATE TRIGGER notes_touch BEFORE INSERT OR UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();
                ALTER TABLE notes DISABLE TRIGGER notes_touch;
                COMMENT ON FUNCTION touch() IS 'sets touched';
                """;
        SchemaPlan plan = roundTrip(before, after, "");

        assertThat(sqls(plan))
                .contains(
                        "DROP FUNCTION public.word_count(t text)",
                        "DROP PROCEDURE public.purge()",
                        "ALTER TABLE public.notes DISABLE TRIGGER notes_touch");
        roundTrip(after, before, "");
    }

    @Test
    void plansViewsAndMaterializedViews() throws SQLException {
        String before = """
                CREATE TABLE sales (id int PRIMARY KEY, region text, amount numeric);
                CREATE VIEW by_region AS SELECT region FROM sales;
                CREATE VIEW old_view AS SELECT id FROM sales;
                CREATE MATERIALIZED VIEW totals AS SELECT region, sum(amount) AS total FROM sales GROUP BY region;
                """;
        String after = """
                CREATE TABLE sales (id int PRIMARY KEY, region text, amount numeric);
                CREATE VIEW by_region AS SELECT region, amount FROM sales;
                CREATE VIEW big_sales WITH (security_barrier) AS SELECT id FROM sales WHERE amount > 100;
                CREATE MATERIALIZED VIEW totals AS SELECT region, sum(amount) AS total FROM sales GROUP BY region;
                CREATE UNIQUE INDEX totals_region ON totals (region);
                """;
        SchemaPlan plan = roundTrip(before, after, "INSERT INTO sales VALUES (1, 'n', 5)");

        assertThat(sqls(plan)).anyMatch(s -> s.startsWith("CREATE OR REPLACE VIEW public.by_region AS"));
        assertThat(sqls(plan))
                .contains("CREATE UNIQUE INDEX CONCURRENTLY totals_region ON public.totals USING btree (region)");
        roundTrip(after, before, "");
    }

    @Test
    void plansSequencesIdentityAndDefaults() throws SQLException {
        String before = """
                CREATE SEQUENCE shared_seq;
                CREATE TABLE tags (id int NOT NULL, name text);
                """;
        String after = """
                CREATE SEQUENCE shared_seq INCREMENT BY 5 CACHE 10;
                CREATE TABLE tags (id int GENERATED BY DEFAULT AS IDENTITY, name text DEFAULT 'x', n serial);
                CREATE SEQUENCE counter_seq AS smallint OWNED BY tags.name;
                """;
        roundTrip(before, after, "INSERT INTO tags VALUES (1, 'a')");
        roundTrip(after, before, "");
    }

    @Test
    void plansSchemasExtensionsCommentsRowLevelSecurityAndUnlogged() throws SQLException {
        String before = """
                CREATE TABLE docs (id int PRIMARY KEY, body text);
                CREATE SCHEMA gone;
                """;
        String after = """
                CREATE SCHEMA "Reports";
                CREATE EXTENSION citext WITH SCHEMA "Reports";
                CREATE UNLOGGED TABLE docs (id int PRIMARY KEY, body "Reports".citext);
                ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
                COMMENT ON TABLE docs IS 'it''s documents';
                COMMENT ON COLUMN docs.body IS 'the text';
                COMMENT ON SCHEMA "Reports" IS 'reports';
                CREATE TABLE "Reports"."Daily" (day date PRIMARY KEY);
                COMMENT ON CONSTRAINT "Daily_pkey" ON "Reports"."Daily" IS 'one a day';
                COMMENT ON INDEX "Reports"."Daily_pkey" IS 'key';
                """;
        roundTrip(before, after, "INSERT INTO docs VALUES (1, 'x')");
        roundTrip(after, before, "");
    }

    @Test
    void createsEverythingFromNothingAndDropsItAgain() throws SQLException {
        String everything = """
                CREATE SCHEMA app;
                CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
                CREATE FUNCTION app.positive(n int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT n > 0$$;
                CREATE TABLE app.users (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, mood app.mood DEFAULT 'ok',
                    score int CHECK (app.positive(score)), name text COLLATE "C",
                    upper_name text GENERATED ALWAYS AS (upper(name)) STORED);
                CREATE TABLE app.posts (id serial PRIMARY KEY, user_id int REFERENCES app.users DEFERRABLE INITIALLY DEFERRED,
                    title text NOT NULL, EXCLUDE USING btree (title WITH =));
                CREATE INDEX posts_title_idx ON app.posts (title) INCLUDE (user_id);
                CREATE TABLE app.logs (at timestamptz NOT NULL, msg text) PARTITION BY RANGE (at);
                CREATE TABLE app.logs_2024 PARTITION OF app.logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE INDEX logs_at_idx ON app.logs (at);
                CREATE VIEW app.user_posts AS SELECT u.id, p.title FROM app.users u JOIN app.posts p ON p.user_id = u.id;
                CREATE VIEW app.titles AS SELECT title FROM app.user_posts;
                CREATE FUNCTION app.stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
                CREATE TRIGGER posts_stamp BEFORE INSERT ON app.posts FOR EACH ROW EXECUTE FUNCTION app.stamp();
                """;
        SchemaPlan up = roundTrip("", everything, "");
        SchemaPlan down = roundTrip(everything, "", "");

        assertThat(indexOf(up, "FUNCTION app.positive")).isLessThan(indexOf(up, "CREATE TABLE app.users"));
        assertThat(indexOf(up, "CREATE VIEW app.user_posts")).isLessThan(indexOf(up, "CREATE VIEW app.titles"));
        assertThat(indexOf(down, "DROP VIEW app.titles")).isLessThan(indexOf(down, "DROP VIEW app.user_posts"));
        assertThat(down.steps())
                .filteredOn(s -> s.sql().startsWith("DROP TABLE"))
                .allMatch(s -> s.phase() == CONTRACT);
    }

    @Test
    void recreatesTheForeignKeysOfAPrimaryKeyThatChanges() throws SQLException {
        String before = """
                CREATE TABLE accounts (id int, region text NOT NULL, CONSTRAINT accounts_pkey PRIMARY KEY (id));
                CREATE TABLE payments (id int PRIMARY KEY, account_id int REFERENCES accounts);
                """;
        String after = """
                CREATE TABLE accounts (id int, region text NOT NULL, CONSTRAINT accounts_pkey PRIMARY KEY (id)
                    INCLUDE (region));
                CREATE TABLE payments (id int PRIMARY KEY, account_id int REFERENCES accounts);
                """;
        SchemaPlan plan =
                roundTrip(before, after, "INSERT INTO accounts VALUES (1, 'eu'); INSERT INTO payments VALUES (1, 1)");

        assertThat(indexOf(plan, "DROP CONSTRAINT payments_account_id_fkey"))
                .isLessThan(indexOf(plan, "DROP CONSTRAINT accounts_pkey"));
        assertThat(indexOf(plan, "USING INDEX accounts_pkey"))
                .isLessThan(indexOf(plan, "ADD CONSTRAINT payments_account_id_fkey"));
    }

    @Test
    void changesGeneratedColumnsCollationsIdentityAndNotValidConstraints() throws SQLException {
        String before = """
                CREATE TABLE m (id int NOT NULL, a text, b text GENERATED ALWAYS AS (lower(a)) STORED,
                    c text GENERATED ALWAYS AS (upper(a)) STORED, k int);
                ALTER TABLE m ADD CONSTRAINT m_k_check CHECK (k > 0) NOT VALID;
                """;
        String after = """
                CREATE TABLE m (id int GENERATED ALWAYS AS IDENTITY, a text COLLATE "C", b text GENERATED ALWAYS AS (initcap(a)) STORED,
                    c text, k int CONSTRAINT m_k_check CHECK (k > 0), j int);
                ALTER TABLE m ADD CONSTRAINT m_j_check CHECK (j < 5) NOT VALID;
                """;
        roundTrip(before, after, "INSERT INTO m (id, a, k) VALUES (1, 'x', 1)");
        roundTrip(after, before, "INSERT INTO m (a, k) VALUES ('x', 1)");
    }

    @Test
    void attachesAndDetachesPartitionsAndRecreatesATableWhosePartitionKeyChanged() throws SQLException {
        String before = """
                CREATE TABLE metrics (at date NOT NULL, v int) PARTITION BY RANGE (at);
                CREATE TABLE metrics_old (at date NOT NULL, v int);
                CREATE TABLE metrics_2023 PARTITION OF metrics FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
                CREATE TABLE byhash (id int NOT NULL) PARTITION BY HASH (id);
                """;
        String after = """
                CREATE TABLE metrics (at date NOT NULL, v int) PARTITION BY RANGE (at);
                CREATE TABLE metrics_old PARTITION OF metrics FOR VALUES FROM ('2020-01-01') TO ('2023-01-01');
                CREATE TABLE metrics_2023 (at date NOT NULL, v int);
                CREATE TABLE byhash (id int NOT NULL) PARTITION BY LIST (id);
                """;
        SchemaPlan plan = roundTrip(before, after, "INSERT INTO metrics_old VALUES ('2021-05-01', 1)");

        assertThat(sqls(plan))
                .contains(
                        "ALTER TABLE public.metrics ATTACH PARTITION public.metrics_old FOR VALUES FROM ('2020-01-01')"
                                + " TO ('2023-01-01')",
                        "ALTER TABLE public.metrics DETACH PARTITION public.metrics_2023");
        roundTrip(after, before, "");
    }

    @Test
    void dropsAndRecreatesARoutineWhoseResultTypeChangedWithItsTrigger() throws SQLException {
        String before = """
                CREATE TABLE t (id int, v text);
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$SELECT 1$$;
                CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
                CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();
                CREATE VIEW fv AS SELECT f() AS one;
                """;
        String after = before.replace(
                "RETURNS int LANGUAGE sql AS $$SELECT 1$$", "RETURNS bigint LANGUAGE sql AS $$SELECT 1::bigint$$");
        SchemaPlan plan = roundTrip(before, after, "");

        assertThat(indexOf(plan, "DROP VIEW public.fv")).isLessThan(indexOf(plan, "DROP FUNCTION public.f()"));
    }

    @Test
    void keepsTheCommentsOfConstraintsIndexesAndColumnsItRecreates() throws SQLException {
        String before = """
                CREATE TABLE k (id int PRIMARY KEY, a text, g text GENERATED ALWAYS AS (lower(a)) STORED,
                    n int CONSTRAINT k_n_check CHECK (n > 0));
                CREATE INDEX k_a_idx ON k (a);
                CREATE INDEX k_g_idx ON k (g);
                COMMENT ON CONSTRAINT k_n_check ON k IS 'positive';
                COMMENT ON INDEX k_a_idx IS 'by a';
                COMMENT ON INDEX k_g_idx IS 'by g';
                COMMENT ON COLUMN k.g IS 'lower a';
                """;
        String after = before.replace("CHECK (n > 0)", "CHECK (n > 1)")
                .replace("ON k (a)", "ON k (a DESC)")
                .replace("lower(a)", "upper(a)");
        roundTrip(before, after, "INSERT INTO k (id, a, n) VALUES (1, 'x', 5)");
    }

    // ---------------------------------------------------------------------------------------------- harness

    /** Plans from the old DDL to the new, applies the plan to the old database and checks that nothing is left. */
    private SchemaPlan roundTrip(String before, String after, String data) throws SQLException {
        Databases dbs = new Databases(before, after, data);
        try {
            return dbs.plan;
        } finally {
            dbs.dropAll();
        }
    }

    /** As {@link #roundTrip}, keeping the old (now migrated) database for assertions; dropped with the class. */
    private TestDatabase roundTripKeepingOld(String before, String after, String data) throws SQLException {
        TestDatabase old = db.createAnother("old");
        old.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        if (!before.isBlank()) {
            old.execute(before);
        }
        if (!data.isBlank()) {
            old.execute(data);
        }
        String target = create();
        try {
            execute(target, after);
            SchemaPlan plan = SchemaDiffer.plan(read(old.name()), read(target));
            assertThat(plan.steps()).isNotEmpty();
            apply(old.name(), plan);
            assertThat(SchemaDiffer.plan(read(old.name()), read(target)).steps())
                    .isEmpty();
        } finally {
            drop(target);
        }
        return old;
    }

    private final class Databases {
        final String from = create();
        final String to = create();
        final SchemaPlan plan;

        Databases(String before, String after, String data) throws SQLException {
            execute(from, before);
            execute(from, data);
            execute(to, after);
            DatabaseSchema target = read(to);
            plan = SchemaDiffer.plan(read(from), target);
            assertThat(plan.unsupported()).isEmpty();
            assertThat(plan.steps()).isNotEmpty();
            apply(from, plan);
            SchemaPlan again = SchemaDiffer.plan(read(from), target);
            assertThat(again.steps())
                    .as("second plan after applying:%n%s", plan.script())
                    .extracting(PlanStep::sql)
                    .isEmpty();
        }

        void dropAll() throws SQLException {
            drop(from);
            drop(to);
        }
    }

    private String create() {
        String name = db.name() + "_" + COUNTER.incrementAndGet();
        db.execute("CREATE DATABASE " + name + " TEMPLATE template0");
        return name;
    }

    private void drop(String name) throws SQLException {
        db.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private Connection connect(String database) throws SQLException {
        PGSimpleDataSource dataSource = db.dataSource();
        dataSource.setDatabaseName(database);
        return dataSource.getConnection();
    }

    private void execute(String database, String sql) throws SQLException {
        if (sql.isBlank()) {
            return;
        }
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private DatabaseSchema read(String database) throws SQLException {
        try (Connection connection = connect(database)) {
            return CatalogReader.read(connection, CatalogReader.Options.defaults());
        }
    }

    /** Applies a plan as migrations would: runs of transactional steps in one transaction, other steps alone. */
    private void apply(String database, SchemaPlan plan) throws SQLException {
        try (Connection connection = connect(database)) {
            boolean inTransaction = false;
            for (PlanStep step : plan.steps()) {
                if (step.transactional() && !inTransaction) {
                    connection.setAutoCommit(false);
                    inTransaction = true;
                } else if (!step.transactional() && inTransaction) {
                    connection.commit();
                    connection.setAutoCommit(true);
                    inTransaction = false;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute(step.sql());
                } catch (SQLException e) {
                    throw new AssertionError(
                            "step failed: " + step.sql() + "\n" + e.getMessage() + "\nplan:\n" + plan.script(), e);
                }
            }
            if (inTransaction) {
                connection.commit();
            }
        }
    }

    private static List<String> sqls(SchemaPlan plan) {
        return plan.steps().stream().map(PlanStep::sql).toList();
    }

    private static int indexOf(SchemaPlan plan, String part) {
        List<String> sqls = sqls(plan);
        for (int i = 0; i < sqls.size(); i++) {
            if (sqls.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no step contains " + part + ":\n" + plan.script());
    }
}
