-- note: PostgreSQL prints IN over a varchar column as = ANY (ARRAY[...]::text[]); run again, that text is stored as
-- note: ARRAY[(...)::text, ...], so a plan that replays the printed text does not converge; found in the django history
-- old
CREATE TABLE return_requests (id bigint PRIMARY KEY, status varchar(12) NOT NULL);
-- new
CREATE TABLE return_requests (id bigint PRIMARY KEY, status varchar(12) NOT NULL,
    CONSTRAINT return_requests_status_check CHECK (status IN ('open', 'approved', 'rejected')));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE
