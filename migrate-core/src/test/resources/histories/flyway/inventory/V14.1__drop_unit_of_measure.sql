drop table if exists unit_of_measure;
