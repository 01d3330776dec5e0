-- old
CREATE TABLE jobs (id bigint PRIMARY KEY, finished_at timestamptz);
CREATE PROCEDURE purge_jobs(older_than interval) LANGUAGE sql AS $$ DELETE FROM jobs WHERE finished_at < now() - older_than $$;
-- new
CREATE TABLE jobs (id bigint PRIMARY KEY, finished_at timestamptz);
CREATE PROCEDURE purge_jobs(older_than interval) LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < now() - older_than;
END;
$$;
-- expect-hazards: UNTRACKED_DEPENDENCIES
