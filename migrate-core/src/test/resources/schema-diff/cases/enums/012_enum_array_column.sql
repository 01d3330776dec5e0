-- old
CREATE TYPE weekday AS ENUM ('mon', 'tue', 'wed', 'thu', 'fri');
CREATE TABLE schedules (id bigint PRIMARY KEY);
-- new
CREATE TYPE weekday AS ENUM ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun');
CREATE TABLE schedules (id bigint PRIMARY KEY, days weekday[] NOT NULL DEFAULT '{}');
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
