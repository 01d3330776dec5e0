-- old
CREATE TABLE keep_me (id bigint PRIMARY KEY);
CREATE TABLE old_reports (id bigint PRIMARY KEY, body text);
-- new
CREATE TABLE keep_me (id bigint PRIMARY KEY);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE
