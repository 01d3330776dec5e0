alter table warehouse add column capacity_pallets integer;
update warehouse set capacity_pallets = case code when 'BER1' then 1200 when 'HAM1' then 3400 else 800 end;
alter table warehouse alter column capacity_pallets set not null;
