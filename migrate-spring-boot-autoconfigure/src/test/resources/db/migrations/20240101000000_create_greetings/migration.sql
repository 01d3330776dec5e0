CREATE TABLE greetings (
    id   int PRIMARY KEY,
    text text NOT NULL
);

INSERT INTO greetings (id, text) VALUES (1, 'hello from a migration');
