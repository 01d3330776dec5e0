-- note: an immutable function in a check: created first, then the check (NOT VALID, validated)
-- old
CREATE TABLE accounts (id bigint PRIMARY KEY, iban text);
-- new
CREATE FUNCTION is_iban(v text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$' $$;
CREATE TABLE accounts (id bigint PRIMARY KEY, iban text, CONSTRAINT accounts_iban_check CHECK (is_iban(iban)));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE, UNTRACKED_DEPENDENCIES
