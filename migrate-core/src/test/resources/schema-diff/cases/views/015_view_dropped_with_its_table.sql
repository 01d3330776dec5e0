-- old
CREATE TABLE refunds (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL, reason text);
CREATE VIEW refund_reasons AS SELECT reason, count(*) AS n FROM refunds GROUP BY reason;
-- new
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE
