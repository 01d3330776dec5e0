-- Expand (release v2): a URL slug per post, e.g. notes-on-the-analytical-engine-42. Nullable: v1 instances do not
-- write it, and the posts written before v2 get theirs from the posts_slug backfill (PostBackfills).
ALTER TABLE posts ADD COLUMN slug text;
