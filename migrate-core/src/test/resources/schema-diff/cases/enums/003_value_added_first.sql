-- note: ADD VALUE ... BEFORE the first label
-- old
CREATE TYPE priority AS ENUM ('normal', 'high');
-- new
CREATE TYPE priority AS ENUM ('low', 'normal', 'high');
-- expect-hazards: none
