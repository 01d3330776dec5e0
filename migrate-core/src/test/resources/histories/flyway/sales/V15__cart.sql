create table cart (
    id uuid primary key default gen_random_uuid(),
    customer_id bigint references customer (id) on delete set null,
    items jsonb not null default '[]'::jsonb,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null default now() + interval '7 days'
);
