CREATE OR REPLACE FUNCTION purge_webhook_deliveries(keep interval DEFAULT '30 days')
RETURNS bigint
LANGUAGE sql AS $$
    WITH gone AS (
        DELETE FROM "WebhookDelivery" WHERE "createdAt" < now() - keep RETURNING 1
    )
    SELECT count(*) FROM gone;
$$;
