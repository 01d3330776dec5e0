-- E.164 plus extensions did not fit
alter table customer alter column phone type varchar(32);
