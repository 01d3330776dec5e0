-- note: several labels at several places
-- old
CREATE TYPE size AS ENUM ('s', 'm', 'l');
-- new
CREATE TYPE size AS ENUM ('xs', 's', 'm', 'l', 'xl', 'xxl');
-- expect-hazards: none
