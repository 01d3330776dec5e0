-- old
CREATE TABLE parents (id bigint PRIMARY KEY);
CREATE TABLE children (id bigint PRIMARY KEY, parent_id bigint,
    CONSTRAINT children_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id));
-- new
CREATE TABLE parents (id bigint PRIMARY KEY);
CREATE TABLE children (id bigint PRIMARY KEY, parent_id bigint,
    CONSTRAINT children_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK, SCANS_TABLE
