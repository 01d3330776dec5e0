-- old
CREATE TABLE shifts (id bigint PRIMARY KEY, during tsrange NOT NULL,
    CONSTRAINT shifts_no_overlap EXCLUDE USING gist (during WITH &&));
-- new
CREATE TABLE shifts (id bigint PRIMARY KEY, during tsrange NOT NULL);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_DROPPED
