-- old
-- new
CREATE EXTENSION pgcrypto;
-- expect-hazards: none
