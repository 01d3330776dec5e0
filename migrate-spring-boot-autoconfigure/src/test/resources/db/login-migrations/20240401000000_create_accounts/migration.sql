CREATE TABLE accounts (
    id   int PRIMARY KEY,
    name text NOT NULL
);

INSERT INTO accounts (id, name) VALUES (1, 'first account');

-- The application's role reads what the migration role creates.
GRANT SELECT ON accounts TO PUBLIC;
