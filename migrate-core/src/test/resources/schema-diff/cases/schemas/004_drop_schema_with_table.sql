-- note: the table goes before its schema, and its rows with it
-- old
CREATE SCHEMA legacy;
CREATE TABLE legacy.audit_entries (
    id bigint PRIMARY KEY,
    payload text
);
-- new
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE
