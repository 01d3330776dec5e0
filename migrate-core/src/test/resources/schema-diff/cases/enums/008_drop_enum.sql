-- note: an unused type holds no data
-- old
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
-- new
-- expect-hazards: BREAKS_OLD_CODE
