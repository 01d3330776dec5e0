-- old
-- new
CREATE TABLE shifts (id bigint PRIMARY KEY, during tsrange NOT NULL,
    CONSTRAINT shifts_no_overlap EXCLUDE USING gist (during WITH &&));
-- expect-hazards: none
