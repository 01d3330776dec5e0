create index concurrently if not exists shipment_tracking_idx on shipment (tracking_number) where tracking_number is not null;
