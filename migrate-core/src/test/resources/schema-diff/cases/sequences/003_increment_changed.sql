-- old
CREATE SEQUENCE batch_ids INCREMENT BY 1;
-- new
CREATE SEQUENCE batch_ids INCREMENT BY 10;
-- expect-hazards: none
