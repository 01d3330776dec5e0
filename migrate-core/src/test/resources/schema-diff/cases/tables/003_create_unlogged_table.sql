-- old
-- new
CREATE UNLOGGED TABLE rate_limits (key text PRIMARY KEY, hits integer NOT NULL DEFAULT 0);
-- expect-hazards: none
