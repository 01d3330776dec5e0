CREATE INDEX CONCURRENTLY "Organization_name_trgm_idx" ON "Organization" USING GIN ("name" gin_trgm_ops);
