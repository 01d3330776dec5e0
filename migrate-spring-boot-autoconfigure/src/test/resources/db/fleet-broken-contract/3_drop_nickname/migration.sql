-- slipway:phase contract
-- A contract migration that fails: people has no column nickname.
ALTER TABLE people DROP COLUMN nickname;
