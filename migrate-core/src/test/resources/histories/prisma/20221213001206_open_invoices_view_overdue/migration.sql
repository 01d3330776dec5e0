CREATE OR REPLACE VIEW "OpenInvoice" AS
    SELECT i."id", i."organizationId", i."number", i."amountCents", i."dueAt",
           i."dueAt" < now() AS "overdue"
    FROM "Invoice" i WHERE i."status" IN ('OPEN', 'UNCOLLECTIBLE');
