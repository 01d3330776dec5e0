CREATE INDEX CONCURRENTLY IF NOT EXISTS "ApiKey_organizationId_active_idx" ON "ApiKey"("organizationId") WHERE "revokedAt" IS NULL;
