-- old
CREATE TYPE currency AS ENUM ('EUR', 'USD');
-- new
CREATE TYPE currency AS ENUM ('EUR', 'USD');
COMMENT ON TYPE currency IS 'ISO 4217 codes we settle in';
-- expect-hazards: none
