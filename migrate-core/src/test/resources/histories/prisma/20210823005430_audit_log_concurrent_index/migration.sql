-- Hand-written: the audit log is large in production, build without blocking writes
CREATE INDEX CONCURRENTLY "AuditLog_actorId_idx" ON "AuditLog"("actorId");
