CREATE TABLE items (
    id      BIGSERIAL PRIMARY KEY,
    name    TEXT NOT NULL
);
