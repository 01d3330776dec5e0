ALTER TABLE locked ADD COLUMN note text;
