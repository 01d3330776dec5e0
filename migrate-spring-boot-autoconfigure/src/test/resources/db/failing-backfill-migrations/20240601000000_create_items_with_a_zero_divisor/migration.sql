CREATE TABLE items (
    id      bigint PRIMARY KEY,
    divisor int NOT NULL,
    ratio   int
);

-- Row 1234 makes the backfill "ratio = 100 / divisor" fail with division by zero.
INSERT INTO items (id, divisor) SELECT i, CASE WHEN i = 1234 THEN 0 ELSE 1 + i % 5 END FROM generate_series(1, 3000) AS i;
