-- old
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- new
CREATE FUNCTION normalize_email(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim(v)) $$;
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE UNIQUE INDEX users_email_normalized ON users (normalize_email(email));
-- expect-hazards: UNTRACKED_DEPENDENCIES, INDEX_BUILD
