CREATE VIEW "OpenInvoice" AS
    SELECT i."id", i."organizationId", i."number", i."amountCents", i."dueAt"
    FROM "Invoice" i WHERE i."status" IN ('OPEN', 'UNCOLLECTIBLE');
