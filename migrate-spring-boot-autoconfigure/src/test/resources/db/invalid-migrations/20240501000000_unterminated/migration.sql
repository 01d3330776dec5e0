CREATE TABLE notes (id int PRIMARY KEY, text text);

INSERT INTO notes VALUES (1, 'no closing quote);
