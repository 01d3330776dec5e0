alter table api_client add constraint api_client_name_uq unique (name);
