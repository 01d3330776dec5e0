--
-- Raw SQL operation
--
INSERT INTO "events_venue" ("name", "address", "city", "capacity", "slug")
VALUES ('Demo Hall', 'Example Street 1', 'Leipzig', 500, 'demo-hall'),
       ('Studio B', 'Example Street 3', 'Leipzig', 80, 'studio-b');
