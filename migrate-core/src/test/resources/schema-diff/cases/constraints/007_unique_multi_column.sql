-- old
CREATE TABLE slots (id bigint PRIMARY KEY, room text NOT NULL, starts_at timestamptz NOT NULL);
-- new
CREATE TABLE slots (id bigint PRIMARY KEY, room text NOT NULL, starts_at timestamptz NOT NULL,
    CONSTRAINT slots_room_start_key UNIQUE (room, starts_at));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD
