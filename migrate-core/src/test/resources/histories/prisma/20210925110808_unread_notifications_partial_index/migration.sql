-- Partial index: the bell icon only ever asks for unread notifications
CREATE INDEX "Notification_userId_unread_idx" ON "Notification" ("userId", "createdAt" DESC) WHERE "readAt" IS NULL;
