-- note: the column is converted to the recreated type, which rewrites its table
-- old
CREATE TYPE channel AS ENUM ('email', 'sms', 'fax');
CREATE TABLE notifications (id bigint PRIMARY KEY, channel channel NOT NULL);
-- new
CREATE TYPE channel AS ENUM ('email', 'sms');
CREATE TABLE notifications (id bigint PRIMARY KEY, channel channel NOT NULL);
-- expect-hazards: DELETES_DATA, REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
