-- Expand (release v2): the user's name moves from users.name to users.display_name.
-- The new column is nullable: the v1 instances still running do not write it (the trigger of the next migration
-- fills it for them), and the users_display_name backfill fills it for the rows that exist already.
ALTER TABLE users ADD COLUMN display_name text;
-- v3 writes only display_name, and runs beside v2 until the contract migration drops name: name must accept NULL.
-- Dropping NOT NULL changes only the catalog.
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;
