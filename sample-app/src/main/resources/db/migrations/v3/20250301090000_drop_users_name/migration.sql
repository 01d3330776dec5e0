-- slipway:phase contract
-- slipway:requires-backfill users_display_name
-- slipway:transaction off
-- slipway:allow data-loss users.name holds the same names as users.display_name: v1 wrote them through the sync trigger, v2 wrote both columns, and the users_display_name backfill copied the rest
--
-- Contract (release v3): users.display_name becomes the only name. Slipway applies this migration by itself once
-- the users_display_name backfill is COMPLETED and no instance that still uses users.name (v1, v2) is alive, i.e.
-- every instance in slipway_instances ships this migration. It runs statement by statement (transaction off), so
-- that each lock is held only for its own statement and the VALIDATE below does not run under the ACCESS EXCLUSIVE
-- lock of the ADD CONSTRAINT. The drops say IF EXISTS: if the process is stopped while one runs, Slipway runs it
-- again on the next start, which then does no harm.

-- NOT NULL without a long ACCESS EXCLUSIVE lock: a CHECK added NOT VALID (instant), validated under SHARE UPDATE
-- EXCLUSIVE (reads and writes go on while it scans), after which SET NOT NULL needs no scan (PostgreSQL 12+).
ALTER TABLE users ADD CONSTRAINT users_display_name_not_null CHECK (display_name IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_display_name_not_null;
ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_display_name_not_null;

-- Nothing writes users.name any more: the sync trigger and the column go.
DROP TRIGGER IF EXISTS users_sync_display_name ON users;
DROP FUNCTION IF EXISTS users_sync_display_name();
ALTER TABLE users DROP COLUMN IF EXISTS name;
