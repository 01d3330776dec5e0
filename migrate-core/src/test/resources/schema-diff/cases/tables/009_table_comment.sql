-- old
CREATE TABLE accounts (id bigint PRIMARY KEY);
-- new
CREATE TABLE accounts (id bigint PRIMARY KEY);
COMMENT ON TABLE accounts IS 'One row per paying organisation';
-- expect-hazards: none
