CREATE TABLE items (
    id         bigint PRIMARY KEY,
    name       text NOT NULL,
    divisor    int NOT NULL DEFAULT 1,
    name_upper text,
    ratio      int
);

INSERT INTO items (id, name) SELECT i, 'item ' || i FROM generate_series(1, 3000) AS i;
