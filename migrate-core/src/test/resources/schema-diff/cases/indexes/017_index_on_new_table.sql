-- note: an index of a table created by the plan is built at once: the table is empty
-- old
-- new
CREATE TABLE audit_log (id bigint PRIMARY KEY, actor text, at timestamptz NOT NULL);
CREATE INDEX audit_log_at_idx ON audit_log (at);
-- expect-hazards: none
