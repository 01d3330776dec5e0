-- old
CREATE TABLE sessions (id uuid PRIMARY KEY, user_id bigint NOT NULL, expires_at timestamptz);
-- new
-- expect-hazards: DELETES_DATA, BREAKS_OLD_CODE
