-- note: a nextval default is volatile: every existing row gets its own value, the table is rewritten
-- old
CREATE TABLE legacy_rows (payload text);
-- new
CREATE TABLE legacy_rows (payload text, id bigserial);
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
