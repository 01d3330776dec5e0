--
-- Raw SQL operation
--
INSERT INTO "events_category" ("name", "position") VALUES
    ('Concerts', 1), ('Theatre', 2), ('Comedy', 3), ('Sports', 4), ('Family', 5),
    ('Conferences', 6), ('Workshops', 7), ('Festivals', 8), ('Other', 99);
