-- old
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, CONSTRAINT users_email_key UNIQUE (email));
-- new
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_DROPPED
