create table api_client (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    secret_hash text not null,
    scopes text[] not null default array['orders:read'],
    created_at timestamptz not null default now(),
    disabled_at timestamptz
);
