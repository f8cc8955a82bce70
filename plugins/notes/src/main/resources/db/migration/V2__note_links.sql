-- Wiki links ([[Title]] and [[Title|shown text]]) found in a note's body when it is saved: one row per distinct
-- target per note. A link names a title, not a note: it is resolved when read (JOIN on the owner's notes by
-- lower(title)), so a link written before its target exists resolves once a note with that title is created, and
-- a renamed note loses the links written to its old title.

CREATE TABLE note_links (
    owner_id     UUID    NOT NULL,
    source_id    BIGINT  NOT NULL,
    -- lower(target_title): compared with lower(notes.title) through notes_owner_title_key.
    target_key   TEXT    NOT NULL,
    -- The target as first written in the body (trimmed), shown while no note has that title.
    target_title TEXT    NOT NULL CHECK (char_length(target_title) BETWEEN 1 AND 200),
    -- Order of first appearance in the body.
    position     INTEGER NOT NULL,
    -- The source is a note of the same owner; its links go with it.
    FOREIGN KEY (owner_id, source_id) REFERENCES notes (owner_id, id) ON DELETE CASCADE,
    -- GET /api/notes/{id} (outgoing links): WHERE owner_id = :owner AND source_id = :id ORDER BY position; also
    -- the delete before a changed body's links are written again, and the lookup of the cascade above.
    PRIMARY KEY (owner_id, source_id, target_key)
);

-- GET /api/notes/{id}/backlinks: WHERE owner_id = :owner AND target_key = lower(:title), joined to the sources.
CREATE INDEX note_links_owner_target_idx ON note_links (owner_id, target_key, source_id);

-- Row-level security as on notes (V1).
ALTER TABLE note_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE note_links FORCE ROW LEVEL SECURITY;
CREATE POLICY note_links_owner_only ON note_links
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
