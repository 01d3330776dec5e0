-- note: tables of the same name in two schemas are two objects
-- old
CREATE SCHEMA tenant_a;
CREATE TABLE tenant_a.settings (key text PRIMARY KEY, value text);
-- new
CREATE SCHEMA tenant_a;
CREATE SCHEMA tenant_b;
CREATE TABLE tenant_a.settings (key text PRIMARY KEY, value text);
CREATE TABLE tenant_b.settings (key text PRIMARY KEY, value text);
-- expect-hazards: none
