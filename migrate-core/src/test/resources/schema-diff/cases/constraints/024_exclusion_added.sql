-- note: an exclusion constraint cannot be added from an existing index: its index is built under the ALTER TABLE lock
-- old
CREATE EXTENSION btree_gist;
CREATE TABLE reservations (id bigint PRIMARY KEY, room integer NOT NULL, during tstzrange NOT NULL);
-- new
CREATE EXTENSION btree_gist;
CREATE TABLE reservations (id bigint PRIMARY KEY, room integer NOT NULL, during tstzrange NOT NULL,
    CONSTRAINT reservations_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE, INDEX_BUILD
