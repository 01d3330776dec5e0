alter table customer alter column display_name type varchar(200);
