-- note: the table first, then the view
-- old
-- new
CREATE TABLE refunds (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL, reason text);
CREATE VIEW refund_reasons AS SELECT reason, count(*) AS n FROM refunds GROUP BY reason;
-- expect-hazards: none
