-- note: serial makes a sequence owned by the column and a nextval default
-- old
-- new
CREATE TABLE events (id serial PRIMARY KEY, name text);
-- expect-hazards: none
