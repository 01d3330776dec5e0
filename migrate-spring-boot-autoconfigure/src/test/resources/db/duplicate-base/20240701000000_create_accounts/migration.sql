CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
INSERT INTO accounts VALUES (1, 'ada@example.com'), (2, 'bob@example.com'), (3, 'ada@example.com');
