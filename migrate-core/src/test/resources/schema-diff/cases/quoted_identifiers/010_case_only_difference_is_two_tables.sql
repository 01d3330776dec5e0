-- note: "Tag" and tag are two tables
-- old
CREATE TABLE tag (id bigint PRIMARY KEY);
-- new
CREATE TABLE tag (id bigint PRIMARY KEY);
CREATE TABLE "Tag" (id bigint PRIMARY KEY);
-- expect-hazards: none
