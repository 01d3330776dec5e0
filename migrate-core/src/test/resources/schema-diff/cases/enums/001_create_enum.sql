-- old
-- new
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');
-- expect-hazards: none
