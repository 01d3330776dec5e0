-- note: same name, other columns: drop and add
-- old
CREATE TABLE memberships (group_id bigint NOT NULL, user_id bigint NOT NULL, role text NOT NULL,
    CONSTRAINT memberships_pkey PRIMARY KEY (group_id));
-- new
CREATE TABLE memberships (group_id bigint NOT NULL, user_id bigint NOT NULL, role text NOT NULL,
    CONSTRAINT memberships_pkey PRIMARY KEY (group_id, user_id));
-- expect-hazards: INDEX_BUILD, INDEX_DROPPED
