alter table customer rename column full_name to display_name;
