-- old
CREATE TABLE t (id bigint PRIMARY KEY, v integer);
CREATE MATERIALIZED VIEW mv AS SELECT v, count(*) AS n FROM t GROUP BY v;
CREATE INDEX mv_v_idx ON mv (v);
COMMENT ON INDEX mv_v_idx IS 'old text';
-- new
CREATE TABLE t (id bigint PRIMARY KEY, v integer);
CREATE MATERIALIZED VIEW mv AS SELECT v, count(*) AS n FROM t GROUP BY v;
CREATE INDEX mv_v_idx ON mv (v);
COMMENT ON INDEX mv_v_idx IS 'new text';
-- expect-hazards: none
