-- note: the type comes before the column; a constant default on an enum column does not rewrite
-- old
CREATE TABLE tickets (id bigint PRIMARY KEY);
-- new
CREATE TYPE ticket_state AS ENUM ('open', 'closed');
CREATE TABLE tickets (id bigint PRIMARY KEY, state ticket_state NOT NULL DEFAULT 'open');
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
