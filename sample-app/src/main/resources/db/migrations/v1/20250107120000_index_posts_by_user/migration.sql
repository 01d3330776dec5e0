-- Built without blocking writes to posts; CONCURRENTLY cannot run in a transaction, so Slipway runs this
-- migration in autocommit (transaction mode auto).
CREATE INDEX CONCURRENTLY posts_user_id_created_at_idx ON posts (user_id, created_at DESC);
