-- note: the view's IN over a varchar column prints differently from how it parses back; found in the django history
-- old
CREATE TABLE events (id bigint PRIMARY KEY, status varchar(20) NOT NULL);
-- new
CREATE TABLE events (id bigint PRIMARY KEY, status varchar(20) NOT NULL);
CREATE VIEW visible_events AS SELECT id FROM events WHERE status IN ('published', 'postponed');
-- expect-hazards: none
