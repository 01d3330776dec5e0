-- note: nested ANDs are printed with parentheses that parse back into another tree; found in the django history
-- old
CREATE TABLE venues (id bigint PRIMARY KEY, latitude numeric(9,6), longitude numeric(9,6));
-- new
CREATE TABLE venues (id bigint PRIMARY KEY, latitude numeric(9,6), longitude numeric(9,6),
    CONSTRAINT venues_coordinates_check CHECK ((latitude IS NULL AND longitude IS NULL)
        OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE
