-- Expand: a nullable column, added without rewriting the table. New versions of the app write it; the
-- users_email_domain backfill (UserBackfills) fills it in for the rows that existed before, in the background.
ALTER TABLE users ADD COLUMN email_domain text;
