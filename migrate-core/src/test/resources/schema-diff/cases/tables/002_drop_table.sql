-- old
CREATE TABLE sessions (id uuid PRIMARY KEY, user_id bigint NOT NULL, expires_at timestamptz);
-- new
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE
