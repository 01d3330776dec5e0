-- slipway:transaction off
CREATE TABLE a (id int);
ALTER TABLE a ADD COLUMN b int;
CREATE TABLE c (id int);
