-- city moved to the address service
alter table warehouse drop column city;
