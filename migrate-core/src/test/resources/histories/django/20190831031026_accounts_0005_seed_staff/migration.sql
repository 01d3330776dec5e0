--
-- Raw SQL operation
--
INSERT INTO "accounts_user" ("password", "is_superuser", "username", "email", "is_staff", "is_active", "date_joined", "first_name", "last_name")
VALUES ('!', true, 'admin', 'admin@tickets.example', true, true, '2019-06-01 09:00:00+00', 'Site', 'Admin'),
       ('!', false, 'boxoffice', 'boxoffice@tickets.example', true, true, '2019-06-01 09:00:00+00', 'Box', 'Office');
