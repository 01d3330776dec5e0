-- note: a tenant column with its composite keys, row level security and a tenant-scoped index
-- old
CREATE TABLE projects (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE tasks (id bigint PRIMARY KEY, project_id bigint NOT NULL REFERENCES projects (id), title text NOT NULL, done boolean NOT NULL DEFAULT false);
-- new
CREATE TABLE tenants (id bigint PRIMARY KEY, slug text NOT NULL CONSTRAINT tenants_slug_key UNIQUE);
CREATE TABLE projects (id bigint PRIMARY KEY, name text NOT NULL, tenant_id bigint CONSTRAINT projects_tenant_fk REFERENCES tenants (id));
CREATE TABLE tasks (id bigint PRIMARY KEY, project_id bigint NOT NULL REFERENCES projects (id), title text NOT NULL, done boolean NOT NULL DEFAULT false, tenant_id bigint CONSTRAINT tasks_tenant_fk REFERENCES tenants (id));
CREATE INDEX tasks_tenant_open_idx ON tasks (tenant_id, project_id) WHERE NOT done;
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK, SCANS_TABLE, INDEX_BUILD
