-- The unit list is fixed now; an enum replaces the lookup table
create type measure_unit as enum ('ea', 'box', 'kg', 'g', 'l', 'ml', 'm', 'pal');

alter table product drop constraint product_unit_fk;
alter table product alter column unit drop default;
alter table product alter column unit type measure_unit using unit::measure_unit;
alter table product alter column unit set default 'ea';
