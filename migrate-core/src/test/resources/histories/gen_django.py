"""The Django-style history: an event ticketing site, sqlmigrate output (plus RunSQL) in timestamp folders
<yyyyMMddHHmmss>_<app>_<nnnn>_<name>/migration.sql. Started on Django 2 (serial ids), later bigint ids."""
import datetime
import os

from gen_common import Clock, digest, reset, write


def truncate(name):
    """Django's truncate_name: identifiers longer than PostgreSQL's 63 bytes end in a hash of the full name."""
    return name if len(name) <= 63 else name[:59] + digest(name, length=4)


def op(text):
    return f"--\n-- {text}\n--\n"


def fk(table, column, ref, ref_col="id"):
    name = truncate(f"{table}_{column}_{digest(table, column)}_fk_{ref}_{ref_col}")
    return (f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" FOREIGN KEY ("{column}") REFERENCES "{ref}" ("{ref_col}")'
            f" DEFERRABLE INITIALLY DEFERRED;\n"
            f'CREATE INDEX "{table}_{column}_{digest(column, table)}" ON "{table}" ("{column}");\n')


def idx(table, *columns):
    cols = ", ".join(f'"{c}"' for c in columns)
    return f'CREATE INDEX "{table}_{"_".join(columns)}_{digest(table, *columns)}" ON "{table}" ({cols});\n'


def like(table, column):
    return (f'CREATE INDEX "{table}_{column}_{digest(table, column, "like")}_like" ON "{table}" '
            f'("{column}" varchar_pattern_ops);\n')


def uniq(table, *columns):
    cols = ", ".join(f'"{c}"' for c in columns)
    name = truncate(f'{table}_{"_".join(columns)}_{digest(*columns, table)}_uniq')
    return f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" UNIQUE ({cols});\n'


def model(table, *columns, pk='"id" serial NOT NULL PRIMARY KEY'):
    return f'CREATE TABLE "{table}" ({", ".join([pk, *columns])});\n'


def add_field(table, column, definition, default=None):
    if default is None:
        return f'ALTER TABLE "{table}" ADD COLUMN "{column}" {definition};\n'
    return (f'ALTER TABLE "{table}" ADD COLUMN "{column}" {definition.replace(" NOT NULL", "")} DEFAULT {default} NOT NULL;\n'
            f'ALTER TABLE "{table}" ALTER COLUMN "{column}" DROP DEFAULT;\n')


NOOP = "-- (no-op)\n"
RAW_PYTHON = op("Raw Python operation") + "-- THIS OPERATION CANNOT BE WRITTEN AS SQL\n"


def migrations():
    m = []
    add = lambda app, name, *parts: m.append((app, name, "".join(parts)))

    add("accounts", "initial",
        op("Create model User"),
        model("accounts_user", '"password" varchar(128) NOT NULL', '"last_login" timestamp with time zone NULL',
              '"is_superuser" boolean NOT NULL', '"username" varchar(150) NOT NULL UNIQUE',
              '"email" varchar(254) NOT NULL', '"is_staff" boolean NOT NULL', '"is_active" boolean NOT NULL',
              '"date_joined" timestamp with time zone NOT NULL'),
        like("accounts_user", "username"))
    add("events", "initial",
        op("Create model Venue"),
        model("events_venue", '"name" varchar(200) NOT NULL', '"address" text NOT NULL', '"city" varchar(100) NOT NULL',
              '"capacity" integer NOT NULL CHECK ("capacity" >= 0)'),
        op("Create model Event"),
        model("events_event", '"title" varchar(200) NOT NULL', '"slug" varchar(50) NOT NULL UNIQUE',
              '"description" text NOT NULL', '"starts_at" timestamp with time zone NOT NULL',
              '"ends_at" timestamp with time zone NOT NULL', '"venue_id" integer NOT NULL'),
        like("events_event", "slug"),
        fk("events_event", "venue_id", "events_venue"))
    add("events", "category",
        op("Create model Category"),
        model("events_category", '"name" varchar(100) NOT NULL UNIQUE', '"position" smallint NOT NULL CHECK ("position" >= 0)'),
        like("events_category", "name"),
        op("Add field category to event"),
        add_field("events_event", "category_id", "integer NULL"),
        fk("events_event", "category_id", "events_category"))
    add("events", "seed_categories",
        op("Raw SQL operation"),
        "INSERT INTO \"events_category\" (\"name\", \"position\") VALUES\n"
        "    ('Concerts', 1), ('Theatre', 2), ('Comedy', 3), ('Sports', 4), ('Family', 5),\n"
        "    ('Conferences', 6), ('Workshops', 7), ('Festivals', 8), ('Other', 99);\n")
    add("tickets", "initial",
        op("Create model TicketType"),
        model("tickets_tickettype", '"name" varchar(100) NOT NULL', '"price" numeric(8, 2) NOT NULL',
              '"quantity" integer NOT NULL CHECK ("quantity" >= 0)', '"event_id" integer NOT NULL'),
        op("Create model Order"),
        model("tickets_order", '"created" timestamp with time zone NOT NULL', '"email" varchar(254) NOT NULL',
              '"status" varchar(20) NOT NULL', '"user_id" integer NULL'),
        op("Create model Ticket"),
        model("tickets_ticket", '"code" varchar(32) NOT NULL UNIQUE', '"order_id" integer NOT NULL',
              '"ticket_type_id" integer NOT NULL'),
        like("tickets_ticket", "code"),
        fk("tickets_tickettype", "event_id", "events_event"),
        fk("tickets_order", "user_id", "accounts_user"),
        fk("tickets_ticket", "order_id", "tickets_order"),
        fk("tickets_ticket", "ticket_type_id", "tickets_tickettype"))
    add("tickets", "order_status_index",
        op("Alter field status on order"),
        idx("tickets_order", "status"),
        like("tickets_order", "status"))
    add("accounts", "profile",
        op("Create model Profile"),
        model("accounts_profile", '"phone" varchar(20) NOT NULL', '"newsletter" boolean NOT NULL',
              '"user_id" integer NOT NULL UNIQUE'),
        fk("accounts_profile", "user_id", "accounts_user").split("\n")[0] + "\n")
    add("events", "event_published",
        op("Add field published to event"),
        add_field("events_event", "published", "boolean NOT NULL", "false"))
    add("events", "event_image",
        op("Add field image to event"),
        add_field("events_event", "image", "varchar(100) NOT NULL", "''"))
    add("events", "alter_event_options", op("Change Meta options on event"), NOOP)
    add("events", "venue_slug",
        op("Add field slug to venue"),
        add_field("events_venue", "slug", "varchar(50) NULL"),
        op("Raw SQL operation"),
        "UPDATE \"events_venue\" SET \"slug\" = lower(regexp_replace(\"name\", '[^a-zA-Z0-9]+', '-', 'g'));\n",
        op("Alter field slug on venue"),
        'ALTER TABLE "events_venue" ALTER COLUMN "slug" SET NOT NULL;\n',
        'ALTER TABLE "events_venue" ADD CONSTRAINT "events_venue_slug_key" UNIQUE ("slug");\n',
        like("events_venue", "slug"))
    add("tickets", "order_total",
        op("Add field total to order"),
        add_field("tickets_order", "total", "numeric(10, 2) NOT NULL", "0"))
    add("tickets", "tickettype_sales_window",
        op("Add field sales_start to tickettype"),
        add_field("tickets_tickettype", "sales_start", "timestamp with time zone NULL"),
        op("Add field sales_end to tickettype"),
        add_field("tickets_tickettype", "sales_end", "timestamp with time zone NULL"))
    add("tickets", "ticket_checked_in",
        op("Add field checked_in_at to ticket"),
        add_field("tickets_ticket", "checked_in_at", "timestamp with time zone NULL"))
    add("accounts", "user_first_last_name",
        op("Add field first_name to user"),
        add_field("accounts_user", "first_name", "varchar(30) NOT NULL", "''"),
        op("Add field last_name to user"),
        add_field("accounts_user", "last_name", "varchar(150) NOT NULL", "''"))
    add("accounts", "alter_user_first_name",
        op("Alter field first_name on user"),
        'ALTER TABLE "accounts_user" ALTER COLUMN "first_name" TYPE varchar(150);\n')
    add("accounts", "seed_staff",
        op("Raw SQL operation"),
        "INSERT INTO \"accounts_user\" (\"password\", \"is_superuser\", \"username\", \"email\", \"is_staff\", \"is_active\", \"date_joined\", \"first_name\", \"last_name\")\n"
        "VALUES ('!', true, 'admin', 'admin@tickets.example', true, true, '2019-06-01 09:00:00+00', 'Site', 'Admin'),\n"
        "       ('!', false, 'boxoffice', 'boxoffice@tickets.example', true, true, '2019-06-01 09:00:00+00', 'Box', 'Office');\n")
    add("events", "seed_demo_venue",
        op("Raw SQL operation"),
        "INSERT INTO \"events_venue\" (\"name\", \"address\", \"city\", \"capacity\", \"slug\")\n"
        "VALUES ('Demo Hall', 'Example Street 1', 'Leipzig', 500, 'demo-hall'),\n"
        "       ('Studio B', 'Example Street 3', 'Leipzig', 80, 'studio-b');\n")
    add("events", "organizer",
        op("Create model Organizer"),
        model("events_organizer", '"name" varchar(200) NOT NULL', '"email" varchar(254) NOT NULL',
              '"website" varchar(200) NOT NULL', '"created" timestamp with time zone NOT NULL'),
        op("Add field organizer to event"),
        add_field("events_event", "organizer_id", "integer NULL"),
        fk("events_event", "organizer_id", "events_organizer"))
    add("events", "organizer_members",
        op("Create model OrganizerMember"),
        model("events_organizermember", '"role" varchar(20) NOT NULL', '"organizer_id" integer NOT NULL',
              '"user_id" integer NOT NULL'),
        op("Alter unique_together for organizermember (1 constraint(s))"),
        uniq("events_organizermember", "organizer_id", "user_id"),
        fk("events_organizermember", "organizer_id", "events_organizer"),
        fk("events_organizermember", "user_id", "accounts_user"))
    add("events", "populate_slugs", RAW_PYTHON)
    add("tickets", "order_reference",
        op("Add field reference to order"),
        add_field("tickets_order", "reference", "varchar(12) NULL UNIQUE"),
        like("tickets_order", "reference"))
    add("tickets", "order_reference_function",
        op("Raw SQL operation"),
        "CREATE OR REPLACE FUNCTION tickets_next_reference() RETURNS varchar AS $$\n"
        "DECLARE\n"
        "    alphabet CONSTANT text := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';\n"
        "    result text := '';\n"
        "BEGIN\n"
        "    FOR i IN 1..8 LOOP\n"
        "        result := result || substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1);\n"
        "    END LOOP;\n"
        "    RETURN result;\n"
        "END;\n"
        "$$ LANGUAGE plpgsql VOLATILE;\n")
    add("tickets", "order_reference_default",
        op("Raw SQL operation"),
        'ALTER TABLE "tickets_order" ALTER COLUMN "reference" SET DEFAULT tickets_next_reference();\n')
    add("tickets", "refund",
        op("Create model Refund"),
        model("tickets_refund", '"amount" numeric(10, 2) NOT NULL', '"reason" text NOT NULL',
              '"created" timestamp with time zone NOT NULL', '"order_id" integer NOT NULL'),
        fk("tickets_refund", "order_id", "tickets_order"))
    add("payments", "initial",
        op("Create model Payment"),
        model("payments_payment", '"provider" varchar(20) NOT NULL', '"provider_id" varchar(64) NOT NULL',
              '"amount" numeric(10, 2) NOT NULL', '"currency" varchar(3) NOT NULL', '"status" varchar(20) NOT NULL',
              '"created" timestamp with time zone NOT NULL', '"raw" text NOT NULL', '"order_id" integer NOT NULL'),
        fk("payments_payment", "order_id", "tickets_order"),
        op("Alter unique_together for payment (1 constraint(s))"),
        uniq("payments_payment", "provider", "provider_id"))
    add("payments", "payment_raw_jsonb",
        op("Alter field raw on payment"),
        'ALTER TABLE "payments_payment" ALTER COLUMN "raw" TYPE jsonb USING "raw"::jsonb;\n')
    add("payments", "alter_payment_options", op("Change Meta options on payment"), NOOP)
    add("events", "event_tags",
        op("Add field tags to event"),
        add_field("events_event", "tags", "varchar(50)[] NOT NULL", "'{}'::varchar(50)[]"))
    add("events", "event_tags_gin",
        op("Raw SQL operation"),
        'CREATE INDEX "events_event_tags_gin" ON "events_event" USING gin ("tags");\n')
    add("events", "event_dates_check",
        op("Create constraint ends_after_start on model event"),
        'ALTER TABLE "events_event" ADD CONSTRAINT "ends_after_start" CHECK ("ends_at" >= "starts_at");\n')
    add("events", "event_starts_index",
        op("Create index events_eve_starts__c8e1a4_idx on field(s) starts_at of model event"),
        'CREATE INDEX "events_eve_starts__c8e1a4_idx" ON "events_event" ("starts_at");\n')
    add("accounts", "user_email_unique_ci",
        op("Create constraint unique_lower_email on model user"),
        'CREATE UNIQUE INDEX "unique_lower_email" ON "accounts_user" ((UPPER("email")));\n')
    add("tickets", "order_status_choices", op("Alter field status on order"), NOOP)
    add("tickets", "ticket_holder_name",
        op("Add field holder_name to ticket"),
        add_field("tickets_ticket", "holder_name", "varchar(100) NOT NULL", "''"))
    add("tickets", "rename_holder_name",
        op("Rename field holder_name on ticket to attendee_name"),
        'ALTER TABLE "tickets_ticket" RENAME COLUMN "holder_name" TO "attendee_name";\n')
    add("tickets", "attendee_name_longer",
        op("Alter field attendee_name on ticket"),
        'ALTER TABLE "tickets_ticket" ALTER COLUMN "attendee_name" TYPE varchar(200);\n')
    add("newsletter", "initial",
        op("Create model Subscriber"),
        model("newsletter_subscriber", '"email" varchar(254) NOT NULL UNIQUE', '"confirmed" boolean NOT NULL',
              '"token" uuid NOT NULL UNIQUE', '"created" timestamp with time zone NOT NULL'),
        like("newsletter_subscriber", "email"),
        op("Create model Campaign"),
        model("newsletter_campaign", '"subject" varchar(200) NOT NULL', '"body" text NOT NULL',
              '"sent_at" timestamp with time zone NULL'))
    add("newsletter", "subscriber_token_default",
        op("Raw SQL operation"),
        'ALTER TABLE "newsletter_subscriber" ALTER COLUMN "token" SET DEFAULT gen_random_uuid();\n')
    add("newsletter", "subscriber_categories",
        op("Create model Subscriber_categories"),
        model("newsletter_subscriber_categories", '"subscriber_id" integer NOT NULL', '"category_id" integer NOT NULL'),
        uniq("newsletter_subscriber_categories", "subscriber_id", "category_id"),
        fk("newsletter_subscriber_categories", "subscriber_id", "newsletter_subscriber"),
        fk("newsletter_subscriber_categories", "category_id", "events_category"))
    add("newsletter", "backfill_confirmed", RAW_PYTHON)
    add("events", "venue_geo",
        op("Add field latitude to venue"),
        add_field("events_venue", "latitude", "numeric(9, 6) NULL"),
        op("Add field longitude to venue"),
        add_field("events_venue", "longitude", "numeric(9, 6) NULL"))
    add("events", "venue_coordinates_check",
        op("Create constraint valid_coordinates on model venue"),
        'ALTER TABLE "events_venue" ADD CONSTRAINT "valid_coordinates" CHECK ((("latitude" IS NULL AND "longitude" IS NULL) OR ("latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180)));\n')
    add("tickets", "order_paid_partial_index",
        op("Create index tickets_order_paid_idx on field(s) created of model order"),
        "CREATE INDEX \"tickets_order_paid_idx\" ON \"tickets_order\" (\"created\") WHERE \"status\" = 'paid';\n")
    add("tickets", "sold_view",
        op("Raw SQL operation"),
        "CREATE VIEW \"tickets_sold\" AS\n"
        "SELECT tt.\"event_id\", tt.\"id\" AS \"ticket_type_id\", count(t.\"id\") AS \"sold\", tt.\"quantity\"\n"
        "FROM \"tickets_tickettype\" tt\n"
        "LEFT JOIN \"tickets_ticket\" t ON t.\"ticket_type_id\" = tt.\"id\"\n"
        "GROUP BY tt.\"event_id\", tt.\"id\", tt.\"quantity\";\n")
    add("tickets", "sold_view_remaining",
        op("Raw SQL operation"),
        "CREATE OR REPLACE VIEW \"tickets_sold\" AS\n"
        "SELECT tt.\"event_id\", tt.\"id\" AS \"ticket_type_id\", count(t.\"id\") AS \"sold\", tt.\"quantity\",\n"
        "       tt.\"quantity\" - count(t.\"id\") AS \"remaining\"\n"
        "FROM \"tickets_tickettype\" tt\n"
        "LEFT JOIN \"tickets_ticket\" t ON t.\"ticket_type_id\" = tt.\"id\"\n"
        "GROUP BY tt.\"event_id\", tt.\"id\", tt.\"quantity\";\n")
    add("tickets", "oversell_trigger",
        op("Raw SQL operation"),
        "CREATE FUNCTION tickets_prevent_oversell() RETURNS trigger\n"
        "LANGUAGE plpgsql AS $trg$\n"
        "DECLARE\n"
        "    left_over integer;\n"
        "BEGIN\n"
        "    SELECT \"remaining\" INTO left_over FROM \"tickets_sold\" WHERE \"ticket_type_id\" = NEW.\"ticket_type_id\";\n"
        "    IF left_over < 0 THEN\n"
        "        RAISE EXCEPTION 'ticket type % is sold out', NEW.\"ticket_type_id\" USING ERRCODE = 'check_violation';\n"
        "    END IF;\n"
        "    RETURN NEW;\n"
        "END;\n"
        "$trg$;\n\n"
        "CREATE CONSTRAINT TRIGGER \"tickets_ticket_oversell\" AFTER INSERT ON \"tickets_ticket\"\n"
        "    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tickets_prevent_oversell();\n")
    add("events", "event_status",
        op("Add field status to event"),
        add_field("events_event", "status", "varchar(12) NOT NULL", "'draft'"),
        like("events_event", "status"),
        idx("events_event", "status"))
    add("events", "event_status_from_published",
        op("Raw SQL operation"),
        "UPDATE \"events_event\" SET \"status\" = CASE WHEN \"published\" THEN 'published' ELSE 'draft' END;\n")
    add("events", "remove_event_published",
        op("Remove field published from event"),
        'ALTER TABLE "events_event" DROP COLUMN "published" CASCADE;\n')
    add("events", "event_status_check",
        op("Create constraint event_status_valid on model event"),
        "ALTER TABLE \"events_event\" ADD CONSTRAINT \"event_status_valid\" CHECK (\"status\" IN ('draft', 'published', 'cancelled', 'postponed'));\n")
    add("events", "alter_event_status_choices", op("Alter field status on event"), NOOP)
    add("accounts", "profile_avatar",
        op("Add field avatar to profile"),
        add_field("accounts_profile", "avatar", "varchar(100) NULL"),
        op("Add field bio to profile"),
        add_field("accounts_profile", "bio", "text NOT NULL", "''"))
    add("accounts", "profile_phone_nullable",
        op("Alter field phone on profile"),
        'ALTER TABLE "accounts_profile" ALTER COLUMN "phone" DROP NOT NULL;\n')
    add("accounts", "profile_phone_longer",
        op("Alter field phone on profile"),
        'ALTER TABLE "accounts_profile" ALTER COLUMN "phone" TYPE varchar(32);\n')
    # Django 3.2 upgrade: DEFAULT_AUTO_FIELD = BigAutoField, applied app by app.
    add("events", "bigautofield",
        op("Raw SQL operation"),
        "-- tickets_sold reads tickettype.event_id; tickets.00xx_bigautofield creates it again\n",
        'DROP VIEW "tickets_sold";\n',
        op("Alter field id on category"),
        'ALTER TABLE "events_category" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;\n',
        'ALTER SEQUENCE IF EXISTS "events_category_id_seq" AS bigint;\n',
        'ALTER TABLE "events_event" ALTER COLUMN "category_id" TYPE bigint USING "category_id"::bigint;\n',
        'ALTER TABLE "newsletter_subscriber_categories" ALTER COLUMN "category_id" TYPE bigint USING "category_id"::bigint;\n',
        op("Alter field id on event"),
        'ALTER TABLE "events_event" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;\n',
        'ALTER SEQUENCE IF EXISTS "events_event_id_seq" AS bigint;\n',
        'ALTER TABLE "tickets_tickettype" ALTER COLUMN "event_id" TYPE bigint USING "event_id"::bigint;\n',
        op("Alter field id on venue"),
        'ALTER TABLE "events_venue" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;\n',
        'ALTER SEQUENCE IF EXISTS "events_venue_id_seq" AS bigint;\n',
        'ALTER TABLE "events_event" ALTER COLUMN "venue_id" TYPE bigint USING "venue_id"::bigint;\n')
    add("tickets", "bigautofield",
        op("Alter field id on order"),
        'ALTER TABLE "tickets_order" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;\n',
        'ALTER SEQUENCE IF EXISTS "tickets_order_id_seq" AS bigint;\n',
        'ALTER TABLE "tickets_ticket" ALTER COLUMN "order_id" TYPE bigint USING "order_id"::bigint;\n',
        'ALTER TABLE "tickets_refund" ALTER COLUMN "order_id" TYPE bigint USING "order_id"::bigint;\n',
        'ALTER TABLE "payments_payment" ALTER COLUMN "order_id" TYPE bigint USING "order_id"::bigint;\n',
        op("Alter field id on ticket"),
        'ALTER TABLE "tickets_ticket" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;\n',
        'ALTER SEQUENCE IF EXISTS "tickets_ticket_id_seq" AS bigint;\n',
        op("Alter field id on tickettype"),
        'ALTER TABLE "tickets_tickettype" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;\n',
        'ALTER SEQUENCE IF EXISTS "tickets_tickettype_id_seq" AS bigint;\n',
        'ALTER TABLE "tickets_ticket" ALTER COLUMN "ticket_type_id" TYPE bigint USING "ticket_type_id"::bigint;\n',
        op("Raw SQL operation"),
        "CREATE VIEW \"tickets_sold\" AS\n"
        "SELECT tt.\"event_id\", tt.\"id\" AS \"ticket_type_id\", count(t.\"id\") AS \"sold\", tt.\"quantity\",\n"
        "       tt.\"quantity\" - count(t.\"id\") AS \"remaining\"\n"
        "FROM \"tickets_tickettype\" tt\n"
        "LEFT JOIN \"tickets_ticket\" t ON t.\"ticket_type_id\" = tt.\"id\"\n"
        "GROUP BY tt.\"event_id\", tt.\"id\", tt.\"quantity\";\n")
    add("events", "waitlist",
        op("Create model WaitlistEntry"),
        model("events_waitlistentry", '"email" varchar(254) NOT NULL', '"created" timestamp with time zone NOT NULL',
              '"notified_at" timestamp with time zone NULL', '"event_id" bigint NOT NULL',
              pk='"id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY'),
        fk("events_waitlistentry", "event_id", "events_event"),
        op("Create constraint unique_waitlist_email on model waitlistentry"),
        'ALTER TABLE "events_waitlistentry" ADD CONSTRAINT "unique_waitlist_email" UNIQUE ("event_id", "email");\n')
    add("events", "performer",
        op("Create model Performer"),
        model("events_performer", '"name" varchar(200) NOT NULL', '"bio" text NOT NULL', '"links" jsonb NOT NULL',
              pk='"id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY'),
        op("Create model Event_performers"),
        model("events_event_performers", '"event_id" bigint NOT NULL', '"performer_id" bigint NOT NULL',
              pk='"id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY'),
        uniq("events_event_performers", "event_id", "performer_id"),
        fk("events_event_performers", "event_id", "events_event"),
        fk("events_event_performers", "performer_id", "events_performer"))
    add("events", "performer_name_index",
        op("Create index events_per_name_lower_idx on Lower(F(name)) on model performer"),
        'CREATE INDEX "events_per_name_lower_idx" ON "events_performer" ((LOWER("name")));\n')
    add("tickets", "ticket_code_default",
        op("Raw SQL operation"),
        "ALTER TABLE \"tickets_ticket\" ALTER COLUMN \"code\" SET DEFAULT replace(gen_random_uuid()::text, '-', '');\n")
    add("tickets", "ticket_seat",
        op("Add field seat to ticket"),
        add_field("tickets_ticket", "seat", "varchar(10) NULL"),
        op("Add field row to ticket"),
        add_field("tickets_ticket", "row", "varchar(4) NULL"))
    add("tickets", "ticket_seat_label",
        op("Raw SQL operation"),
        "ALTER TABLE \"tickets_ticket\" ADD COLUMN \"seat_label\" varchar(20) GENERATED ALWAYS AS (\"row\" || '-' || \"seat\") STORED;\n")
    add("tickets", "alter_ticket_options", op("Change Meta options on ticket"), NOOP)
    add("tickets", "tickettype_price_cents",
        op("Add field price_cents to tickettype"),
        add_field("tickets_tickettype", "price_cents", "integer NULL"),
        op("Raw SQL operation"),
        'UPDATE "tickets_tickettype" SET "price_cents" = ("price" * 100)::integer;\n',
        op("Alter field price_cents on tickettype"),
        'ALTER TABLE "tickets_tickettype" ALTER COLUMN "price_cents" SET NOT NULL;\n')
    add("tickets", "remove_tickettype_price",
        op("Remove field price from tickettype"),
        'ALTER TABLE "tickets_tickettype" DROP COLUMN "price" CASCADE;\n')
    add("tickets", "price_cents_check",
        op("Create constraint price_cents_gte_0 on model tickettype"),
        'ALTER TABLE "tickets_tickettype" ADD CONSTRAINT "price_cents_gte_0" CHECK ("price_cents" >= 0);\n')
    add("payments", "bigautofield",
        op("Alter field id on payment"),
        'ALTER TABLE "payments_payment" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;\n',
        'ALTER SEQUENCE IF EXISTS "payments_payment_id_seq" AS bigint;\n')
    add("payments", "payment_status_index",
        op("Raw SQL operation"),
        "-- built concurrently: payments is the busiest table at on-sale time\n"
        "CREATE INDEX CONCURRENTLY \"payments_payment_pending_idx\" ON \"payments_payment\" (\"created\") WHERE \"status\" = 'pending';\n")
    add("payments", "payment_raw_keys_index",
        op("Raw SQL operation"),
        "CREATE INDEX CONCURRENTLY \"payments_payment_raw_event_idx\" ON \"payments_payment\" ((\"raw\" ->> 'event_type'));\n")
    add("payments", "payout",
        op("Create model Payout"),
        model("payments_payout", '"amount_cents" bigint NOT NULL', '"period_start" date NOT NULL', '"period_end" date NOT NULL',
              '"paid_at" timestamp with time zone NULL', '"organizer_id" integer NOT NULL',
              pk='"id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY'),
        fk("payments_payout", "organizer_id", "events_organizer"),
        op("Create constraint payout_period_valid on model payout"),
        'ALTER TABLE "payments_payout" ADD CONSTRAINT "payout_period_valid" CHECK ("period_end" >= "period_start");\n')
    add("events", "organizer_bigautofield",
        op("Alter field id on organizer"),
        'ALTER TABLE "events_organizer" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;\n',
        'ALTER SEQUENCE IF EXISTS "events_organizer_id_seq" AS bigint;\n',
        'ALTER TABLE "events_event" ALTER COLUMN "organizer_id" TYPE bigint USING "organizer_id"::bigint;\n',
        'ALTER TABLE "events_organizermember" ALTER COLUMN "organizer_id" TYPE bigint USING "organizer_id"::bigint;\n',
        'ALTER TABLE "payments_payout" ALTER COLUMN "organizer_id" TYPE bigint USING "organizer_id"::bigint;\n')
    add("events", "organizer_website_longer",
        op("Alter field website on organizer"),
        'ALTER TABLE "events_organizer" ALTER COLUMN "website" TYPE varchar(500);\n')
    add("events", "organizer_slug",
        op("Add field slug to organizer"),
        add_field("events_organizer", "slug", "varchar(50) NULL"),
        op("Raw SQL operation"),
        "UPDATE \"events_organizer\" SET \"slug\" = lower(regexp_replace(\"name\", '\\W+', '-', 'g')) || '-' || \"id\";\n",
        op("Alter field slug on organizer"),
        'ALTER TABLE "events_organizer" ALTER COLUMN "slug" SET NOT NULL;\n',
        'ALTER TABLE "events_organizer" ADD CONSTRAINT "events_organizer_slug_key" UNIQUE ("slug");\n',
        like("events_organizer", "slug"))
    add("events", "event_search",
        op("Raw SQL operation"),
        "ALTER TABLE \"events_event\" ADD COLUMN \"search\" tsvector GENERATED ALWAYS AS (\n"
        "    setweight(to_tsvector('simple', coalesce(\"title\", '')), 'A') ||\n"
        "    setweight(to_tsvector('simple', coalesce(\"description\", '')), 'B')) STORED;\n"
        "CREATE INDEX \"events_event_search_idx\" ON \"events_event\" USING gin (\"search\");\n")
    add("events", "event_comments",
        op("Raw SQL operation"),
        "COMMENT ON TABLE \"events_event\" IS 'One performance; a tour is several events';\n"
        "COMMENT ON COLUMN \"events_event\".\"status\" IS 'draft, published, cancelled or postponed';\n"
        "COMMENT ON COLUMN \"events_event\".\"search\" IS 'Generated; title weighs more than description';\n")
    add("accounts", "user_bigautofield",
        op("Alter field id on user"),
        'ALTER TABLE "accounts_user" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;\n',
        'ALTER SEQUENCE IF EXISTS "accounts_user_id_seq" AS bigint;\n',
        'ALTER TABLE "accounts_profile" ALTER COLUMN "user_id" TYPE bigint USING "user_id"::bigint;\n',
        'ALTER TABLE "tickets_order" ALTER COLUMN "user_id" TYPE bigint USING "user_id"::bigint;\n',
        'ALTER TABLE "events_organizermember" ALTER COLUMN "user_id" TYPE bigint USING "user_id"::bigint;\n')
    add("accounts", "profile_user_fk",
        op("Alter field user on profile"),
        fk("accounts_profile", "user_id", "accounts_user").split("\n")[0].replace("_fk_", "_fk2_") + "\n")
    add("accounts", "user_last_name_longer", op("Alter field last_name on user"), NOOP)
    add("accounts", "user_display_name_temp",
        op("Add field display_name to user"),
        add_field("accounts_user", "display_name", "varchar(300) NOT NULL", "''"),
        op("Raw SQL operation"),
        "-- computed through a scratch column so that blank first names do not leave a leading space\n"
        'ALTER TABLE "accounts_user" ADD COLUMN "display_name_tmp" text NULL;\n'
        "UPDATE \"accounts_user\" SET \"display_name_tmp\" = nullif(btrim(\"first_name\" || ' ' || \"last_name\"), '');\n"
        'UPDATE "accounts_user" SET "display_name" = coalesce("display_name_tmp", "username");\n'
        'ALTER TABLE "accounts_user" DROP COLUMN "display_name_tmp";\n')
    add("accounts", "login_event",
        op("Create model LoginEvent"),
        model("accounts_loginevent", '"created" timestamp with time zone NOT NULL', '"ip" inet NULL',
              '"user_agent" text NOT NULL', '"success" boolean NOT NULL', '"user_id" bigint NULL',
              pk='"id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY'),
        fk("accounts_loginevent", "user_id", "accounts_user"),
        idx("accounts_loginevent", "created"))
    add("accounts", "login_event_brin",
        op("Remove index accounts_loginevent_created on model loginevent"),
        f'DROP INDEX "accounts_loginevent_created_{digest("accounts_loginevent", "created")}";\n',
        op("Raw SQL operation"),
        'CREATE INDEX "accounts_loginevent_created_brin" ON "accounts_loginevent" USING brin ("created");\n')
    add("events", "drop_seeded_categories_other",
        op("Raw SQL operation"),
        "DELETE FROM \"events_category\" WHERE \"name\" = 'Other';\n")
    add("events", "category_to_tags",
        op("Raw SQL operation"),
        "UPDATE \"events_event\" e SET \"tags\" = array_append(e.\"tags\", lower(c.\"name\")::varchar(50))\n"
        "FROM \"events_category\" c WHERE c.\"id\" = e.\"category_id\";\n",
        op("Remove field category from event"),
        'ALTER TABLE "events_event" DROP COLUMN "category_id" CASCADE;\n')
    add("newsletter", "subscriber_interests",
        op("Add field interests to subscriber"),
        add_field("newsletter_subscriber", "interests", "varchar(50)[] NOT NULL", "'{}'::varchar(50)[]"),
        op("Raw SQL operation"),
        "UPDATE \"newsletter_subscriber\" s SET \"interests\" = ARRAY(\n"
        "    SELECT lower(c.\"name\")::varchar(50) FROM \"newsletter_subscriber_categories\" sc\n"
        "    JOIN \"events_category\" c ON c.\"id\" = sc.\"category_id\" WHERE sc.\"subscriber_id\" = s.\"id\");\n")
    add("newsletter", "delete_subscriber_categories",
        op("Delete model Subscriber_categories"),
        'DROP TABLE "newsletter_subscriber_categories" CASCADE;\n')
    add("events", "delete_category",
        op("Delete model Category"),
        'DROP TABLE "events_category" CASCADE;\n')
    add("events", "alter_event_tags", op("Alter field tags on event"), NOOP)
    add("tickets", "order_currency",
        op("Add field currency to order"),
        add_field("tickets_order", "currency", "varchar(3) NOT NULL", "'EUR'"),
        op("Create constraint currency_upper on model order"),
        'ALTER TABLE "tickets_order" ADD CONSTRAINT "currency_upper" CHECK ("currency" = UPPER("currency"));\n')
    add("tickets", "order_total_cents",
        op("Add field total_cents to order"),
        add_field("tickets_order", "total_cents", "bigint NOT NULL", "0"),
        op("Raw SQL operation"),
        'UPDATE "tickets_order" SET "total_cents" = ("total" * 100)::bigint;\n')
    add("tickets", "remove_order_total",
        op("Remove field total from order"),
        'ALTER TABLE "tickets_order" DROP COLUMN "total" CASCADE;\n')
    add("tickets", "refund_amount_cents",
        op("Rename field amount on refund to amount_cents"),
        'ALTER TABLE "tickets_refund" RENAME COLUMN "amount" TO "amount_cents";\n',
        op("Alter field amount_cents on refund"),
        'ALTER TABLE "tickets_refund" ALTER COLUMN "amount_cents" TYPE bigint USING ("amount_cents" * 100)::bigint;\n')
    add("tickets", "refund_bigautofield",
        op("Alter field id on refund"),
        'ALTER TABLE "tickets_refund" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;\n',
        'ALTER SEQUENCE IF EXISTS "tickets_refund_id_seq" AS bigint;\n')
    add("tickets", "order_summary_function",
        op("Raw SQL operation"),
        "CREATE OR REPLACE FUNCTION tickets_order_summary(p_order bigint)\n"
        "RETURNS TABLE (\"ticket_type\" varchar, \"count\" bigint, \"amount_cents\" bigint)\n"
        "LANGUAGE sql STABLE AS $$\n"
        "    SELECT tt.\"name\", count(*), sum(tt.\"price_cents\")::bigint\n"
        "    FROM \"tickets_ticket\" t JOIN \"tickets_tickettype\" tt ON tt.\"id\" = t.\"ticket_type_id\"\n"
        "    WHERE t.\"order_id\" = p_order\n"
        "    GROUP BY tt.\"name\";\n"
        "$$;\n")
    add("tickets", "order_status_enum",
        op("Raw SQL operation"),
        "DO $$\n"
        "BEGIN\n"
        "    CREATE TYPE \"tickets_order_status\" AS ENUM ('pending', 'paid', 'cancelled');\n"
        "EXCEPTION\n"
        "    WHEN duplicate_object THEN NULL;\n"
        "END $$;\n")
    add("tickets", "order_status_enum_refunded",
        op("Raw SQL operation"),
        "ALTER TYPE \"tickets_order_status\" ADD VALUE IF NOT EXISTS 'refunded';\n")
    add("tickets", "order_status_to_enum",
        op("Raw SQL operation"),
        f'DROP INDEX "tickets_order_status_{digest("tickets_order", "status")}";\n'
        f'DROP INDEX "tickets_order_status_{digest("tickets_order", "status", "like")}_like";\n'
        'DROP INDEX "tickets_order_paid_idx";\n'
        'ALTER TABLE "tickets_order" ALTER COLUMN "status" TYPE "tickets_order_status" USING "status"::"tickets_order_status";\n'
        "CREATE INDEX \"tickets_order_paid_idx\" ON \"tickets_order\" (\"created\") WHERE \"status\" = 'paid';\n")
    add("tickets", "order_status_enum_partially_refunded",
        op("Raw SQL operation"),
        "ALTER TYPE \"tickets_order_status\" ADD VALUE 'partially_refunded' AFTER 'paid';\n")
    add("newsletter", "campaign_stats",
        op("Add field recipients to campaign"),
        add_field("newsletter_campaign", "recipients", "integer NULL CHECK (\"recipients\" >= 0)"),
        op("Add field opens to campaign"),
        add_field("newsletter_campaign", "opens", "integer NOT NULL CHECK (\"opens\" >= 0)", "0"))
    add("newsletter", "campaign_identity",
        op("Raw SQL operation"),
        "-- New campaigns get numbered per year by the editors; keep a global running number as well\n"
        'ALTER TABLE "newsletter_campaign" ADD COLUMN "number" integer GENERATED BY DEFAULT AS IDENTITY (START WITH 100);\n')
    add("newsletter", "alter_campaign_options", op("Change Meta options on campaign"), NOOP)
    add("events", "event_timezone",
        op("Add field timezone to event"),
        add_field("events_event", "timezone", "varchar(64) NOT NULL", "'Europe/Berlin'"))
    add("events", "venue_city_index",
        op("Create index events_ven_city_6f3a_idx on field(s) city of model venue"),
        'CREATE INDEX "events_ven_city_6f3a_idx" ON "events_venue" ("city");\n')
    add("events", "venue_capacity_bigint", op("Alter field capacity on venue"), NOOP)
    add("events", "upcoming_view",
        op("Raw SQL operation"),
        "CREATE OR REPLACE VIEW \"events_upcoming\" AS\n"
        "SELECT e.\"id\", e.\"slug\", e.\"title\", e.\"starts_at\", v.\"name\" AS \"venue\", v.\"city\"\n"
        "FROM \"events_event\" e JOIN \"events_venue\" v ON v.\"id\" = e.\"venue_id\"\n"
        "WHERE e.\"status\" = 'published' AND e.\"starts_at\" > now();\n")
    add("events", "upcoming_view_timezone",
        op("Raw SQL operation"),
        "CREATE OR REPLACE VIEW \"events_upcoming\" AS\n"
        "SELECT e.\"id\", e.\"slug\", e.\"title\", e.\"starts_at\", v.\"name\" AS \"venue\", v.\"city\", e.\"timezone\"\n"
        "FROM \"events_event\" e JOIN \"events_venue\" v ON v.\"id\" = e.\"venue_id\"\n"
        "WHERE e.\"status\" IN ('published', 'postponed') AND e.\"starts_at\" > now();\n")
    add("events", "comment_upcoming_view",
        op("Raw SQL operation"),
        "COMMENT ON VIEW \"events_upcoming\" IS 'Home page listing';\n")
    add("tickets", "checkin_index",
        op("Raw SQL operation"),
        'CREATE INDEX CONCURRENTLY "tickets_ticket_not_checked_in_idx" ON "tickets_ticket" ("ticket_type_id") WHERE "checked_in_at" IS NULL;\n')
    add("tickets", "ticket_type_event_name_unique",
        op("Create constraint unique_ticket_type_name on model tickettype"),
        'ALTER TABLE "tickets_tickettype" ADD CONSTRAINT "unique_ticket_type_name" UNIQUE ("event_id", "name");\n')
    add("tickets", "ticket_type_description",
        op("Add field description to tickettype"),
        add_field("tickets_tickettype", "description", "text NOT NULL", "''"),
        op("Add field max_per_order to tickettype"),
        add_field("tickets_tickettype", "max_per_order", "smallint NOT NULL CHECK (\"max_per_order\" >= 0)", "10"))
    add("accounts", "drop_profile_newsletter",
        op("Remove field newsletter from profile"),
        'ALTER TABLE "accounts_profile" DROP COLUMN "newsletter" CASCADE;\n')
    add("accounts", "squashed_marker", op("Raw Python operation"), "-- THIS OPERATION CANNOT BE WRITTEN AS SQL\n")
    add("payments", "payment_amount_cents",
        op("Add field amount_cents to payment"),
        add_field("payments_payment", "amount_cents", "bigint NULL"),
        op("Raw SQL operation"),
        'UPDATE "payments_payment" SET "amount_cents" = ("amount" * 100)::bigint;\n',
        op("Alter field amount_cents on payment"),
        'ALTER TABLE "payments_payment" ALTER COLUMN "amount_cents" SET NOT NULL;\n')
    add("payments", "remove_payment_amount",
        op("Remove field amount from payment"),
        'ALTER TABLE "payments_payment" DROP COLUMN "amount" CASCADE;\n')
    add("payments", "payment_currency_default",
        op("Alter field currency on payment"),
        "ALTER TABLE \"payments_payment\" ALTER COLUMN \"currency\" SET DEFAULT 'EUR';\n")
    return m


def generate(root):
    reset(root)
    clock = Clock(datetime.datetime(2019, 5, 20, 10, 3, 41), seed="django")
    numbers = {}
    names = []
    for app, name, sql in migrations():
        numbers[app] = numbers.get(app, 0) + 1
        folder = f"{clock.next()}_{app}_{numbers[app]:04d}_{name}"
        names.append(folder)
        write(os.path.join(root, folder, "migration.sql"), sql)
    return names
