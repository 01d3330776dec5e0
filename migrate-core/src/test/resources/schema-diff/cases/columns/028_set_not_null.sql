-- note: through a NOT VALID check, VALIDATE (a scan without the exclusive lock), SET NOT NULL, drop of the check
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, email text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, email text NOT NULL);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE, BREAKS_OLD_CODE
