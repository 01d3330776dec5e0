CREATE INDEX "Organization_settings_idx" ON "Organization" USING GIN ("settings" jsonb_path_ops);
