alter table stock_level add column bin_location_id integer references bin_location (id);
