COMMENT ON TABLE "AuditLog" IS 'Append-only; rows older than two years are archived to cold storage';
COMMENT ON COLUMN "ApiKey"."prefix" IS 'First characters of the key, shown in the UI to tell keys apart';
COMMENT ON COLUMN "Invoice"."amountCents" IS 'Total including tax, in the smallest unit of currency';
