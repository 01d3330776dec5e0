-- The users of release v3: the name lives in display_name, which every user has. The hint tells slipway dev that
-- display_name is users.name renamed (a rename is never guessed): it writes the new column, a trigger that keeps
-- both in step while old code runs, the backfill, and a contract migration that drops name.
CREATE TABLE users (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text        NOT NULL UNIQUE,
    display_name text        NOT NULL, -- slipway:renamed-from name
    created_at   timestamptz NOT NULL DEFAULT now(),
    email_domain text
);
