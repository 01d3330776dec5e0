-- note: names matter and a rename is never guessed: the old check goes, the new one is added and validated
-- old
CREATE TABLE products (id bigint PRIMARY KEY, stock integer NOT NULL, CONSTRAINT stock_check CHECK (stock >= 0));
-- new
CREATE TABLE products (id bigint PRIMARY KEY, stock integer NOT NULL, CONSTRAINT products_stock_non_negative CHECK (stock >= 0));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE
