-- old
CREATE SCHEMA crm;
CREATE TABLE crm.contacts (id bigint PRIMARY KEY, email text);
-- new
CREATE SCHEMA crm;
CREATE TABLE crm.contacts (id bigint PRIMARY KEY, email text);
CREATE INDEX contacts_email_idx ON crm.contacts (lower(email));
-- expect-hazards: INDEX_BUILD
