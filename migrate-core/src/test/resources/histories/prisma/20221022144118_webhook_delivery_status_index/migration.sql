CREATE INDEX "WebhookDelivery_failed_idx" ON "WebhookDelivery"("webhookId") WHERE "status" IS NULL OR "status" >= 400;
