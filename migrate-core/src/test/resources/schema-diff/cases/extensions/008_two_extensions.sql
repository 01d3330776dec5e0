-- old
CREATE EXTENSION "uuid-ossp";
-- new
CREATE EXTENSION btree_gist;
CREATE EXTENSION isn;
-- expect-hazards: DELETES_DATA, BREAKS_OLD_CODE
