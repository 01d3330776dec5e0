-- note: a new partition gets the parent's indexes and key by itself
-- old
CREATE TABLE invoices (id bigint NOT NULL, issued_on date NOT NULL, customer_id bigint,
    CONSTRAINT invoices_pkey PRIMARY KEY (id, issued_on)) PARTITION BY RANGE (issued_on);
CREATE INDEX invoices_customer_idx ON invoices (customer_id);
CREATE TABLE invoices_2024 PARTITION OF invoices FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- new
CREATE TABLE invoices (id bigint NOT NULL, issued_on date NOT NULL, customer_id bigint,
    CONSTRAINT invoices_pkey PRIMARY KEY (id, issued_on)) PARTITION BY RANGE (issued_on);
CREATE INDEX invoices_customer_idx ON invoices (customer_id);
CREATE TABLE invoices_2024 PARTITION OF invoices FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE invoices_2025 PARTITION OF invoices FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
