CREATE TABLE people (
    id           bigint PRIMARY KEY,
    name         text NOT NULL,
    display_name text
);
INSERT INTO people (id, name) SELECT g, 'person ' || g FROM generate_series(1, 2000) g;
