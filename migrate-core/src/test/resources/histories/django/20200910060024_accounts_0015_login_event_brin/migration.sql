--
-- Remove index accounts_loginevent_created on model loginevent
--
DROP INDEX "accounts_loginevent_created_26130cf0";
--
-- Raw SQL operation
--
CREATE INDEX "accounts_loginevent_created_brin" ON "accounts_loginevent" USING brin ("created");
