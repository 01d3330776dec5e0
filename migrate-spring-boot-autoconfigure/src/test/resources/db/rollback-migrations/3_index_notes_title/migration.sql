CREATE INDEX CONCURRENTLY notes_title_idx ON notes (title);
