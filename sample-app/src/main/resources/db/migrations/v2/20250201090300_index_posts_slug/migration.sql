-- Expand (release v2): slugs are unique. Built CONCURRENTLY, so writes to posts go on while it builds; Slipway runs
-- this migration outside a transaction (transaction mode auto). NULLs (posts without a slug yet) do not collide.
CREATE UNIQUE INDEX CONCURRENTLY posts_slug_key ON posts (slug);
