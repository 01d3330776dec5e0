-- old
CREATE TABLE accounts (id bigint PRIMARY KEY);
COMMENT ON TABLE accounts IS 'Organisations';
-- new
CREATE TABLE accounts (id bigint PRIMARY KEY);
COMMENT ON TABLE accounts IS 'Organisation''s billing account; see ADR-12';
-- expect-hazards: none
