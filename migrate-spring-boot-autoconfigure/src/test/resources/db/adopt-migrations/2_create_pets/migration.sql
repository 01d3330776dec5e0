CREATE TABLE pets (
    id bigint PRIMARY KEY,
    owner_id bigint NOT NULL REFERENCES owners (id),
    name text NOT NULL
);
CREATE INDEX pets_owner_id_idx ON pets (owner_id);
