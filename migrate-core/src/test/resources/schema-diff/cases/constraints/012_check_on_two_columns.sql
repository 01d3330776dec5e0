-- old
CREATE TABLE bookings (id bigint PRIMARY KEY, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL);
-- new
CREATE TABLE bookings (id bigint PRIMARY KEY, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL,
    CONSTRAINT bookings_dates CHECK (ends_at > starts_at));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE
