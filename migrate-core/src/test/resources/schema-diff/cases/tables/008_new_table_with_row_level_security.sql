-- old
-- new
CREATE TABLE tenant_notes (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, body text);
ALTER TABLE tenant_notes ENABLE ROW LEVEL SECURITY;
-- expect-hazards: none
