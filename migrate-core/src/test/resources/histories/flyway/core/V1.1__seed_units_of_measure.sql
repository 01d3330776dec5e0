-- Reference data; the warehouse app reads this list at startup
create table if not exists unit_of_measure (
    code varchar(8) primary key,
    description text not null
);

insert into unit_of_measure (code, description) values
    ('ea', 'each'),
    ('box', 'box of 12'),
    ('kg', 'kilogram'),
    ('g', 'gram'),
    ('l', 'litre'),
    ('ml', 'millilitre'),
    ('m', 'metre'),
    ('pal', 'pallet');
