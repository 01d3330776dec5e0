-- old
CREATE TYPE order_status AS ENUM ('pending', 'shipped', 'delivered');
-- new
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered');
-- expect-hazards: none
