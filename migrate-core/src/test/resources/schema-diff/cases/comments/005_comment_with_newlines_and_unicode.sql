-- old
CREATE TABLE t (id bigint PRIMARY KEY);
-- new
CREATE TABLE t (id bigint PRIMARY KEY);
COMMENT ON TABLE t IS E'Line one\nLine two: prix en € — ünïcödé; it''s "quoted"';
-- expect-hazards: none
