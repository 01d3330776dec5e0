alter table customer add column preferences jsonb not null default '{"newsletter": false}';
comment on column customer.preferences is 'Free-form settings; keys documented in docs/preferences.md';
