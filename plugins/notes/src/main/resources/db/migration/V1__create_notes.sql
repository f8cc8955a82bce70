-- Notes, applied by the host into the plugin's own schema (plugin_notes): names stay unqualified.
-- Every row belongs to one user (owner_id); the DAO filters by owner and row-level security (end of file) backs it.

CREATE TABLE notes (
    id         BIGSERIAL PRIMARY KEY,
    owner_id   UUID        NOT NULL,
    title      TEXT        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    body       TEXT        NOT NULL DEFAULT '' CHECK (char_length(body) <= 100000),
    -- Normalised by the plugin: trimmed, lower-case, unique, sorted; at most 20 of 1..50 characters.
    tags       TEXT[]      NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
    -- Ids of tasks of the tasks plugin (another schema, so no foreign key): unique, sorted, at most 50.
    task_ids   BIGINT[]    NOT NULL DEFAULT '{}' CHECK (cardinality(task_ids) <= 50),
    pinned     BOOLEAN     NOT NULL DEFAULT false,
    archived   BOOLEAN     NOT NULL DEFAULT false,
    -- The number of the note's latest version in note_versions (V3); 1 when created.
    version    INTEGER     NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Full-text search document: the title weighs A, the body B, so a title hit ranks above a body hit.
    -- 'english' (stemming: "meetings" finds "meeting"; stop words left out) must match the configuration the DAO
    -- passes to websearch_to_tsquery and ts_headline (NoteDao.TEXT_SEARCH_CONFIG); changing it takes a migration.
    search     TSVECTOR    GENERATED ALWAYS AS (
                   setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
               ) STORED
);

-- The key of (owner_id, id) that note_links and note_versions refer to, so that they can only point at notes of
-- their own owner (foreign keys bypass row-level security). Its index also gives the owner condition of
-- GET /api/notes?q= and ?tag= (WHERE owner_id = :owner AND search @@ ... / tags @> ...) to a BitmapAnd with the GIN
-- indexes below.
ALTER TABLE notes ADD CONSTRAINT notes_owner_id_id_key UNIQUE (owner_id, id);

-- A title is unique per user whatever its case, because wiki links find notes by title:
--   POST/PUT /api/notes: the 409 check WHERE owner_id = :owner AND lower(title) = lower(:title);
--   wiki-link resolution and GET /api/notes/{id}/backlinks: JOIN ON owner_id AND lower(title) = target_key;
--   GET /api/notes?sort=title: WHERE owner_id = :owner AND lower(title) > :after ORDER BY lower(title) LIMIT n.
CREATE UNIQUE INDEX notes_owner_title_key ON notes (owner_id, lower(title));

-- GET /api/notes (default sort=updated): WHERE owner_id = :owner AND archived = :archived
--   AND (updated_at, id) < (:afterUpdated, :afterId) ORDER BY updated_at DESC, id DESC LIMIT n.
CREATE INDEX notes_owner_archived_updated_idx ON notes (owner_id, archived, updated_at DESC, id DESC);

-- GET /api/notes?sort=created: the same keyset on created_at.
CREATE INDEX notes_owner_archived_created_idx ON notes (owner_id, archived, created_at DESC, id DESC);

-- GET /api/notes?tag=a&tag=b: containment (tags @> ARRAY['a','b']), combined with notes_owner_id_id_key (BitmapAnd)
-- or filtered by owner; a GIN index cannot lead with a uuid without the btree_gin extension.
CREATE INDEX notes_tags_idx ON notes USING GIN (tags);

-- GET /api/notes?q=: WHERE search @@ websearch_to_tsquery('english', :q) AND owner_id = :owner, ranked by
-- ts_rank_cd(search, query); combined with notes_owner_id_id_key (BitmapAnd) like the tag filter.
CREATE INDEX notes_search_idx ON notes USING GIN (search);

-- Row-level security, the backstop behind the DAO's explicit owner filter: the host sets app.user_id on every
-- connection it hands the plugin to the caller's id, or '' outside a request and for anonymous callers ('' and an
-- unset setting match no row). FORCE applies the policy to the table's owner too; superusers and roles with
-- BYPASSRLS still bypass it. WITH CHECK refuses writing a row owned by anyone else.
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY notes_owner_only ON notes
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
