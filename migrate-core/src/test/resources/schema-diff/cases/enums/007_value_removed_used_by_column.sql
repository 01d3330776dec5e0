-- note: the column is converted to the recreated type, which rewrites its table
-- old
CREATE TYPE channel AS ENUM ('email', 'sms', 'fax');
CREATE TABLE notifications (id bigint PRIMARY KEY, channel channel NOT NULL);
-- new
CREATE TYPE channel AS ENUM ('email', 'sms');
CREATE TABLE notifications (id bigint PRIMARY KEY, channel channel NOT NULL);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, DELETES_DATA, BREAKS_OLD_CODE
