CREATE TABLE broken (
    id int PRIMARY KEY,
    name text NOT NULL REFERENCES no_such_table (id)
);
