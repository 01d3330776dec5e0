CREATE TABLE owners (
    id bigint PRIMARY KEY,
    name text NOT NULL
);
