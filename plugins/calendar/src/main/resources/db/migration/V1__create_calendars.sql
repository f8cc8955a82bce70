-- Calendars, applied by the host into the plugin's own schema (plugin_calendar): names stay unqualified.
-- The storage is what CalDAV servers keep: a collection (calendars) with a sync token, and one calendar object
-- resource per iCalendar UID (calendar_objects) holding the full VCALENDAR text, so that the REST API, ICS import and
-- export (and a CalDAV server later) all read and write the same data. Every row belongs to one user (owner_id); the
-- DAO filters by owner and row-level security (end of file) backs it.

CREATE TABLE calendars (
    id         BIGSERIAL PRIMARY KEY,
    owner_id   UUID        NOT NULL,
    name       TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    -- #rrggbb, lower-case.
    colour     TEXT        NOT NULL DEFAULT '#3a87ad' CHECK (colour ~ '^#[0-9a-f]{6}$'),
    -- An IANA zone id (validated by the plugin): floating and all-day events are placed in it.
    time_zone  TEXT        NOT NULL,
    -- Incremented on every change of the calendar or of one of its objects (RFC 6578 sync token); each object
    -- records the value its last change set (calendar_objects.change_number).
    sync_token BIGINT      NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The key calendar_objects refers to, so that an object can only sit in a calendar of its own owner (foreign keys
-- bypass row-level security); its index also serves GET /calendars (WHERE owner_id = :owner AND id > :after).
ALTER TABLE calendars ADD CONSTRAINT calendars_owner_id_id_key UNIQUE (owner_id, id);

CREATE TABLE calendar_objects (
    id            BIGSERIAL PRIMARY KEY,
    owner_id      UUID        NOT NULL,
    calendar_id   BIGINT      NOT NULL,
    -- The iCalendar UID shared by the master VEVENT and its RECURRENCE-ID overrides.
    uid           TEXT        NOT NULL CHECK (char_length(uid) BETWEEN 1 AND 255),
    -- The whole VCALENDAR (VTIMEZONEs it references, master VEVENT, overrides); NULL for a tombstone.
    ics           TEXT,
    -- Hex SHA-256 of ics; NULL for a tombstone.
    etag          TEXT,
    -- calendars.sync_token as set by this object's last change (creation, update or deletion).
    change_number BIGINT      NOT NULL,
    deleted       BOOLEAN     NOT NULL DEFAULT false,
    -- Derived from ics for range queries: the first instance's start and the last instance's end, conservative for
    -- floating and all-day times (earliest and latest zone on Earth); last_end NULL for an unbounded RRULE.
    first_start   TIMESTAMPTZ,
    last_end      TIMESTAMPTZ,
    all_day       BOOLEAN     NOT NULL DEFAULT false,
    summary       TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT calendar_objects_calendar_fkey FOREIGN KEY (owner_id, calendar_id)
        REFERENCES calendars (owner_id, id) ON DELETE CASCADE,
    CONSTRAINT calendar_objects_uid_key UNIQUE (calendar_id, uid),
    CONSTRAINT calendar_objects_tombstone_check CHECK (deleted = (ics IS NULL) AND deleted = (etag IS NULL))
);

-- GET .../events?from=&to=: WHERE calendar_id = :c AND NOT deleted AND first_start < :to
--   AND (last_end IS NULL OR last_end > :from).
CREATE INDEX calendar_objects_range_idx ON calendar_objects (calendar_id, first_start) WHERE NOT deleted;

-- A sync-collection since a token: WHERE calendar_id = :c AND change_number > :token (tombstones included).
CREATE INDEX calendar_objects_changes_idx ON calendar_objects (calendar_id, change_number);

-- Row-level security, the backstop behind the DAO's explicit owner filter: the host sets app.user_id on every
-- connection it hands the plugin to the caller's id, or '' outside a request ('' and an unset setting match no row).
-- FORCE applies the policy to the table's owner too. WITH CHECK refuses writing a row owned by anyone else.
ALTER TABLE calendars ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendars FORCE ROW LEVEL SECURITY;
CREATE POLICY calendars_owner_only ON calendars
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE calendar_objects ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_objects FORCE ROW LEVEL SECURITY;
CREATE POLICY calendar_objects_owner_only ON calendar_objects
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
