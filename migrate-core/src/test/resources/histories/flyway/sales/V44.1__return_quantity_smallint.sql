-- nobody returns more than a pallet at once
alter table return_request alter column quantity type smallint;
