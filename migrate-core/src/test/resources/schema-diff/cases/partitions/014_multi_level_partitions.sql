-- note: a partition that is itself partitioned
-- old
-- new
CREATE TABLE metrics (tenant text NOT NULL, at date NOT NULL, v integer) PARTITION BY LIST (tenant);
CREATE TABLE metrics_acme PARTITION OF metrics FOR VALUES IN ('acme') PARTITION BY RANGE (at);
CREATE TABLE metrics_acme_2024 PARTITION OF metrics_acme FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- expect-hazards: none
