-- old
CREATE TABLE warehouses (code text PRIMARY KEY);
CREATE TABLE stock (id bigint PRIMARY KEY, warehouse_code text);
-- new
CREATE TABLE warehouses (code text PRIMARY KEY);
CREATE TABLE stock (id bigint PRIMARY KEY, warehouse_code text,
    CONSTRAINT stock_warehouse_fk FOREIGN KEY (warehouse_code) REFERENCES warehouses (code)
        MATCH FULL ON UPDATE CASCADE ON DELETE RESTRICT);
-- expect-hazards: ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK, SCANS_TABLE
