-- note: a log table next to a new partitioned one, and a view over the new one
-- old
CREATE TABLE event_log (id bigint PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL);
-- new
CREATE TABLE event_log (id bigint PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL);
CREATE TABLE events (id bigint NOT NULL, kind text NOT NULL, at timestamptz NOT NULL, payload jsonb,
    CONSTRAINT events_pkey PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE events_2025_01 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE events_2025_02 PARTITION OF events FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
CREATE TABLE events_default PARTITION OF events DEFAULT;
CREATE INDEX events_kind_idx ON events (kind, at);
CREATE VIEW recent_events AS SELECT id, kind, at FROM events WHERE at > now() - interval '7 days';
-- expect-hazards: none
