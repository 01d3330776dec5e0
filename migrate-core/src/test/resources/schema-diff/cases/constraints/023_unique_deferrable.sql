-- old
CREATE TABLE positions (id bigint PRIMARY KEY, list_id bigint NOT NULL, rank integer NOT NULL);
-- new
CREATE TABLE positions (id bigint PRIMARY KEY, list_id bigint NOT NULL, rank integer NOT NULL,
    CONSTRAINT positions_rank_key UNIQUE (list_id, rank) DEFERRABLE INITIALLY IMMEDIATE);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD
