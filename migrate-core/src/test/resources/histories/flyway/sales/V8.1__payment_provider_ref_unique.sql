create unique index if not exists payment_provider_ref_uq on payment (provider_ref) where provider_ref is not null;
