-- Staff accounts and the internal organization, needed by the admin console
INSERT INTO "User" ("email", "name", "role") VALUES
    ('ops@example.com', 'Olga Petrova', 'ADMIN'),
    ('support@example.com', 'Sam Reyes', 'USER'),
    ('billing@example.com', 'Bea Lindqvist', 'USER'),
    ('bot@example.com', 'Release Bot', 'USER');

INSERT INTO "Organization" ("id", "name", "slug", "plan") VALUES
    ('org_internal', 'Example Internal', 'example-internal', 'PRO');

INSERT INTO "Membership" ("id", "organizationId", "userId", "role")
    SELECT 'mem_' || u."id", 'org_internal', u."id", u."role" FROM "User" u;
