-- note: PostgreSQL cannot drop a label; the type is recreated without it
-- old
CREATE TYPE channel AS ENUM ('email', 'sms', 'fax');
-- new
CREATE TYPE channel AS ENUM ('email', 'sms');
-- expect-hazards: DELETES_DATA, BREAKS_OLD_CODE
