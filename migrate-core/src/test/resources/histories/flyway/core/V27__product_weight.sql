alter table product add column if not exists weight_grams integer;
alter table product add column if not exists dimensions jsonb;
