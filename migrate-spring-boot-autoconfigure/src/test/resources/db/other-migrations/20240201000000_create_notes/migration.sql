CREATE TABLE notes (
    id   int PRIMARY KEY,
    text text NOT NULL
);
