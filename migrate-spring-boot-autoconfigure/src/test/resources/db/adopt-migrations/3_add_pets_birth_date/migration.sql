ALTER TABLE pets ADD COLUMN birth_date date;
