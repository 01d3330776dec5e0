-- old
CREATE TABLE orders (id bigint PRIMARY KEY, legacy_code text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY);
-- expect-hazards: DELETES_DATA, BREAKS_OLD_CODE
