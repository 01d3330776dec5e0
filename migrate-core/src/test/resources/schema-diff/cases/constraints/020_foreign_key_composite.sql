-- old
CREATE TABLE regions (country text NOT NULL, code text NOT NULL, CONSTRAINT regions_pkey PRIMARY KEY (country, code));
CREATE TABLE stores (id bigint PRIMARY KEY, country text NOT NULL, region_code text NOT NULL);
-- new
CREATE TABLE regions (country text NOT NULL, code text NOT NULL, CONSTRAINT regions_pkey PRIMARY KEY (country, code));
CREATE TABLE stores (id bigint PRIMARY KEY, country text NOT NULL, region_code text NOT NULL,
    CONSTRAINT stores_region_fk FOREIGN KEY (country, region_code) REFERENCES regions (country, code));
-- expect-hazards: ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK, SCANS_TABLE
