insert into bin_location (warehouse_id, aisle, shelf, bin)
select w.id, a.aisle, s.shelf, b.bin
from warehouse w
cross join (values ('A'), ('B'), ('C')) as a (aisle)
cross join generate_series(1, 4) as s (shelf)
cross join generate_series(1, 3) as b (bin)
where w.code = 'BER1';
