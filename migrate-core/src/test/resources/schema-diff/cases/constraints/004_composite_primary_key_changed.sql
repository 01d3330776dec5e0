-- note: same name, other columns: drop and add
-- note: dropping the old key drops its index, as 003 does
-- old
CREATE TABLE memberships (group_id bigint NOT NULL, user_id bigint NOT NULL, role text NOT NULL,
    CONSTRAINT memberships_pkey PRIMARY KEY (group_id));
-- new
CREATE TABLE memberships (group_id bigint NOT NULL, user_id bigint NOT NULL, role text NOT NULL,
    CONSTRAINT memberships_pkey PRIMARY KEY (group_id, user_id));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD, INDEX_DROPPED
