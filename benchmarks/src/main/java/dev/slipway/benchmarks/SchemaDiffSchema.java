package dev.slipway.benchmarks;

import java.util.Locale;

/**
 * The generated application schema of the schema diff benchmark, as SQL: database A ({@link #baseline}) and the
 * release that turns a copy of it into database B ({@link #release}).
 *
 * <p>Table {@code t_0001} ... {@code t_<n>}, each as an application has them:
 *
 * <ol>
 *   <li>{@code id bigint GENERATED ALWAYS AS IDENTITY} primary key; {@code code varchar(40)} with a unique
 *       constraint; {@code name text}; {@code amount numeric(12,2)} with a check; {@code status}, one of three enums;
 *       {@code active boolean NOT NULL DEFAULT false}; {@code created_at timestamptz DEFAULT now()}; from the second
 *       table on, {@code parent_id} with a foreign key to an earlier table; {@code attributes jsonb} on every other
 *       table and {@code note text} on every third: 7 to 10 columns;</li>
 *   <li>indexes: a partial one on {@code created_at WHERE active}, an expression one on {@code lower(name)}, and one
 *       on {@code parent_id} where there is one (2 or 3 in all);</li>
 *   <li>a comment on every third table and on the {@code code} column of every seventh;</li>
 *   <li>a view over every fifth table, every other one of them joining the parent table;</li>
 *   <li>three functions (a trigger function, an SQL and a PL/pgSQL function) and a trigger on every 25th table.</li>
 * </ol>
 *
 * The release touches about 10 % of the tables: columns added (every 20th table), an index added and a check changed
 * (every 50th each), views changed (every 50th table's), the last table dropped with its view, a new table with its
 * index and view, a value added to an enum, a function's body and a comment changed.
 */
final class SchemaDiffSchema {

    private final int tables;

    SchemaDiffSchema(int tables) {
        if (tables < 60) {
            throw new IllegalArgumentException(
                    "--tables must be at least 60 so that the release touches every kind of object; got " + tables);
        }
        this.tables = tables;
    }

    static String table(int i) {
        return String.format(Locale.ROOT, "t_%04d", i);
    }

    static String view(int i) {
        return String.format(Locale.ROOT, "v_%04d", i);
    }

    /** The table that {@code t_i}'s {@code parent_id} refers to: an earlier one, 1 to 10 tables back. */
    static int parent(int i) {
        return Math.max(1, i - 1 - i % 10);
    }

    private static boolean hasView(int i) {
        return i % 5 == 0;
    }

    /** The DDL of database A. */
    String baseline() {
        StringBuilder sql = new StringBuilder();
        sql.append("CREATE TYPE order_status AS ENUM ('draft', 'placed', 'paid', 'shipped', 'cancelled');\n")
                .append("CREATE TYPE account_state AS ENUM ('active', 'suspended', 'closed');\n")
                .append("CREATE TYPE priority AS ENUM ('low', 'normal', 'high');\n")
                .append("CREATE FUNCTION trim_name() RETURNS trigger LANGUAGE plpgsql AS $$\n")
                .append("BEGIN\n  NEW.name := btrim(NEW.name);\n  RETURN NEW;\nEND\n$$;\n")
                .append("CREATE FUNCTION with_tax(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE\n")
                .append("    AS $$ SELECT round(amount * 1.2, 2) $$;\n")
                .append("CREATE FUNCTION code_prefix(code text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$\n")
                .append("BEGIN\n  RETURN split_part(code, '-', 1);\nEND\n$$;\n");
        for (int i = 1; i <= tables; i++) {
            sql.append(createTable(i));
        }
        for (int i = 1; i <= tables; i++) {
            if (hasView(i)) {
                sql.append(createView(i, false));
            }
        }
        return sql.toString();
    }

    private static String enumOf(int i) {
        return switch (i % 3) {
            case 0 -> "order_status NOT NULL DEFAULT 'draft'";
            case 1 -> "account_state NOT NULL DEFAULT 'active'";
            default -> "priority NOT NULL DEFAULT 'normal'";
        };
    }

    private static String createTable(int i) {
        String t = table(i);
        StringBuilder sql = new StringBuilder();
        sql.append("CREATE TABLE ")
                .append(t)
                .append(" (\n")
                .append("    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n")
                .append("    code varchar(40) NOT NULL,\n")
                .append("    name text NOT NULL,\n")
                .append("    amount numeric(12,2) NOT NULL DEFAULT 0,\n")
                .append("    status ")
                .append(enumOf(i))
                .append(",\n")
                .append("    active boolean NOT NULL DEFAULT false,\n")
                .append("    created_at timestamptz NOT NULL DEFAULT now(),\n");
        if (i > 1) {
            sql.append("    parent_id bigint CONSTRAINT ")
                    .append(t)
                    .append("_parent_fk REFERENCES ")
                    .append(table(parent(i)))
                    .append(" (id),\n");
        }
        if (i % 2 == 1) {
            sql.append("    attributes jsonb NOT NULL DEFAULT '{}',\n");
        }
        if (i % 3 == 0) {
            sql.append("    note text,\n");
        }
        sql.append("    CONSTRAINT ").append(t).append("_code_key UNIQUE (code),\n");
        sql.append("    CONSTRAINT ").append(t).append("_amount_check CHECK (amount >= 0)\n");
        sql.append(");\n");
        sql.append("CREATE INDEX ")
                .append(t)
                .append("_recent_idx ON ")
                .append(t)
                .append(" (created_at) WHERE active;\n");
        sql.append("CREATE INDEX ")
                .append(t)
                .append("_lower_name_idx ON ")
                .append(t)
                .append(" (lower(name));\n");
        if (i > 1) {
            sql.append("CREATE INDEX ")
                    .append(t)
                    .append("_parent_idx ON ")
                    .append(t)
                    .append(" (parent_id);\n");
        }
        if (i % 3 == 0) {
            sql.append("COMMENT ON TABLE ")
                    .append(t)
                    .append(" IS 'Generated table ")
                    .append(i)
                    .append("';\n");
        }
        if (i % 7 == 0) {
            sql.append("COMMENT ON COLUMN ").append(t).append(".code IS 'Business key, unique per table';\n");
        }
        if (i % 25 == 0) {
            sql.append("CREATE TRIGGER ")
                    .append(t)
                    .append("_trim_name BEFORE INSERT OR UPDATE OF name ON ")
                    .append(t)
                    .append(" FOR EACH ROW EXECUTE FUNCTION trim_name();\n");
        }
        return sql.toString();
    }

    private static String createView(int i, boolean changed) {
        String t = table(i);
        String extra = changed ? ", c.status" : "";
        if (i % 10 == 0) {
            return "CREATE OR REPLACE VIEW " + view(i) + " AS SELECT c.id, c.code, c.name, p.name AS parent_name"
                    + extra + " FROM " + t + " c JOIN " + table(parent(i))
                    + " p ON p.id = c.parent_id WHERE c.active;\n";
        }
        return "CREATE OR REPLACE VIEW " + view(i) + " AS SELECT c.id, c.code, c.name, with_tax(c.amount) AS gross"
                + extra + " FROM " + t + " c WHERE c.active;\n";
    }

    /** The release applied to a copy of A to make B, statements that must each run outside a transaction block. */
    String release() {
        StringBuilder sql = new StringBuilder();
        sql.append("ALTER TYPE order_status ADD VALUE 'refunded';\n");
        for (int i = 1; i < tables; i++) {
            String t = table(i);
            if (i % 20 == 3) {
                sql.append("ALTER TABLE ")
                        .append(t)
                        .append(
                                " ADD COLUMN archived_at timestamptz, ADD COLUMN revision integer NOT NULL DEFAULT 0;\n");
            }
            if (i % 50 == 7) {
                sql.append("CREATE INDEX ")
                        .append(t)
                        .append("_status_idx ON ")
                        .append(t)
                        .append(" (status, created_at);\n");
            }
            if (i % 50 == 11) {
                sql.append("ALTER TABLE ")
                        .append(t)
                        .append(" DROP CONSTRAINT ")
                        .append(t)
                        .append("_amount_check, ADD CONSTRAINT ")
                        .append(t)
                        .append("_amount_check CHECK (amount >= 0 AND amount < 1000000);\n");
            }
            if (i % 50 == 15) {
                sql.append(createView(i, true));
            }
            if (i % 50 == 21) {
                sql.append("COMMENT ON TABLE ")
                        .append(t)
                        .append(" IS 'Generated table ")
                        .append(i)
                        .append(", revised';\n");
            }
        }
        if (hasView(tables)) {
            sql.append("DROP VIEW ").append(view(tables)).append(";\n");
        }
        sql.append("DROP TABLE ").append(table(tables)).append(";\n");
        sql.append("CREATE TABLE invoices (\n")
                .append("    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n")
                .append("    customer_id bigint NOT NULL CONSTRAINT invoices_customer_fk REFERENCES t_0001 (id),\n")
                .append("    number varchar(20) NOT NULL CONSTRAINT invoices_number_key UNIQUE,\n")
                .append("    total numeric(12,2) NOT NULL CONSTRAINT invoices_total_check CHECK (total >= 0),\n")
                .append("    status order_status NOT NULL DEFAULT 'placed',\n")
                .append("    issued_at timestamptz NOT NULL DEFAULT now(),\n")
                .append("    lines jsonb NOT NULL DEFAULT '[]'\n")
                .append(");\n")
                .append("CREATE INDEX invoices_customer_idx ON invoices (customer_id, issued_at);\n")
                .append("CREATE VIEW open_invoices AS SELECT id, number, total, with_tax(total) AS gross FROM invoices")
                .append(" WHERE status = 'placed';\n")
                .append("CREATE OR REPLACE FUNCTION code_prefix(code text) RETURNS text LANGUAGE plpgsql IMMUTABLE")
                .append(" AS $$\nBEGIN\n  RETURN upper(split_part(code, '-', 1));\nEND\n$$;\n");
        return sql.toString();
    }
}
