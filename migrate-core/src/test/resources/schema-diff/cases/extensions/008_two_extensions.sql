-- old
CREATE EXTENSION "uuid-ossp";
-- new
CREATE EXTENSION btree_gist;
CREATE EXTENSION isn;
-- expect-hazards: none
