-- Every organisation gets a default team holding its members
DO $$
DECLARE
    org RECORD;
    team_id TEXT;
BEGIN
    FOR org IN SELECT "id" FROM "Organization" LOOP
        team_id := gen_random_uuid()::text;
        INSERT INTO "Team" ("id", "organizationId", "name") VALUES (team_id, org."id", 'Everyone');
        INSERT INTO "TeamMember" ("teamId", "userId")
            SELECT team_id, m."userId" FROM "Membership" m WHERE m."organizationId" = org."id";
    END LOOP;
END $$;
