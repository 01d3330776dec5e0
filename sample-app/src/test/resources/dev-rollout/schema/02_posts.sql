-- The posts of releases v2 and v3: each has a unique URL slug. The slug stays nullable: v1 instances, which run
-- beside v2, insert posts without one, and the posts_slug backfill fills them in from v3 on.
CREATE TABLE posts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id),
    title      text        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    slug       text
);

CREATE INDEX posts_user_id_created_at_idx ON posts (user_id, created_at DESC);
CREATE UNIQUE INDEX posts_slug_key ON posts (slug);
