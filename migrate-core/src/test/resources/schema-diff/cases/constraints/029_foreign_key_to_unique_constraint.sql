-- note: the referenced unique constraint comes before the foreign key
-- old
CREATE TABLE countries (id bigint PRIMARY KEY, iso_code char(2) NOT NULL);
CREATE TABLE addresses (id bigint PRIMARY KEY, country_code char(2));
-- new
CREATE TABLE countries (id bigint PRIMARY KEY, iso_code char(2) NOT NULL, CONSTRAINT countries_iso_key UNIQUE (iso_code));
CREATE TABLE addresses (id bigint PRIMARY KEY, country_code char(2),
    CONSTRAINT addresses_country_fk FOREIGN KEY (country_code) REFERENCES countries (iso_code));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK, SCANS_TABLE, INDEX_BUILD
