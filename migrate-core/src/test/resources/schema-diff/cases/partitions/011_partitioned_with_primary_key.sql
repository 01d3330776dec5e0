-- note: the key of a partitioned table includes the partition key; each partition gets its own index
-- old
-- new
CREATE TABLE invoices (id bigint NOT NULL, issued_on date NOT NULL, total numeric(12,2),
    CONSTRAINT invoices_pkey PRIMARY KEY (id, issued_on)) PARTITION BY RANGE (issued_on);
CREATE TABLE invoices_2024 PARTITION OF invoices FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE invoices_2025 PARTITION OF invoices FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- expect-hazards: none
