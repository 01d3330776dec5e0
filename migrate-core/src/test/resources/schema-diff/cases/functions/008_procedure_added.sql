-- old
CREATE TABLE jobs (id bigint PRIMARY KEY, finished_at timestamptz);
-- new
CREATE TABLE jobs (id bigint PRIMARY KEY, finished_at timestamptz);
CREATE PROCEDURE purge_jobs(older_than interval) LANGUAGE sql AS $$
    DELETE FROM jobs WHERE finished_at < now() - older_than
$$;
-- expect-hazards: UNTRACKED_DEPENDENCIES
