-- Version history: the content (title, body, tags) of a note after its creation and after every save that changed
-- that content, numbered 1, 2, ... per note. notes.version is the number of the newest.

CREATE TABLE note_versions (
    owner_id   UUID        NOT NULL,
    note_id    BIGINT      NOT NULL,
    number     INTEGER     NOT NULL CHECK (number >= 1),
    title      TEXT        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    body       TEXT        NOT NULL CHECK (char_length(body) <= 100000),
    tags       TEXT[]      NOT NULL CHECK (cardinality(tags) <= 20),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The history goes with its note.
    FOREIGN KEY (owner_id, note_id) REFERENCES notes (owner_id, id) ON DELETE CASCADE,
    -- GET /api/notes/{id}/versions: WHERE owner_id AND note_id AND number < :after ORDER BY number DESC LIMIT n
    -- (a backward scan); GET .../versions/{n} and POST .../versions/{n}/revert: WHERE owner_id AND note_id AND
    -- number = :n; also the lookup of the cascade above.
    PRIMARY KEY (owner_id, note_id, number)
);

-- Row-level security as on notes (V1).
ALTER TABLE note_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE note_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY note_versions_owner_only ON note_versions
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
