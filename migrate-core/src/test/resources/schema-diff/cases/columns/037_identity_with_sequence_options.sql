-- note: an identity column's own sequence options (START WITH, INCREMENT BY) are part of the schema; found in the django history
-- old
-- new
CREATE TABLE invoices (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10) PRIMARY KEY, total numeric(12,2));
-- expect-hazards: none
