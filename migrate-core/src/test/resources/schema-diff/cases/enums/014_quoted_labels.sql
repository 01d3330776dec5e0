-- note: labels with spaces, quotes and capitals
-- old
CREATE TYPE label AS ENUM ('Needs review', 'it''s done');
-- new
CREATE TYPE label AS ENUM ('Needs review', 'In Progress', 'it''s done', 'WON''T FIX');
-- expect-hazards: none
