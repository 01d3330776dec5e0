CREATE INDEX CONCURRENTLY "Project_organizationId_active_idx" ON "Project"("organizationId") WHERE "archivedAt" IS NULL;
