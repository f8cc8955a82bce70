-- Subscriptions to ICS feeds (issue 13): each fills one calendar of its own, read-only through the REST API, whose
-- objects a recurring job replaces by UID with what the feed serves (the same calendar_objects rows, change numbers
-- and tombstones as every other change). Deleting the calendar deletes the subscription (and the other way round:
-- the plugin deletes the calendar).

CREATE TABLE feed_subscriptions (
    id              BIGSERIAL PRIMARY KEY,
    owner_id        UUID        NOT NULL,
    calendar_id     BIGINT      NOT NULL,
    -- http(s) URL as given (it may hold credentials: the plugin masks them whenever it shows or logs the URL).
    url             TEXT        NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2000),
    refresh_minutes INTEGER     NOT NULL CHECK (refresh_minutes BETWEEN 5 AND 10080),
    -- Validators of the last 200 answer, sent back as If-None-Match and If-Modified-Since.
    etag            TEXT,
    last_modified   TEXT,
    last_sync_at    TIMESTAMPTZ,
    last_success_at TIMESTAMPTZ,
    -- Why the last sync failed (status, parse error naming the line, timeout, size); NULL after a success.
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT feed_subscriptions_calendar_fkey FOREIGN KEY (owner_id, calendar_id)
        REFERENCES calendars (owner_id, id) ON DELETE CASCADE,
    CONSTRAINT feed_subscriptions_calendar_key UNIQUE (calendar_id)
);

-- GET /subscriptions: WHERE owner_id = :owner ORDER BY id.
CREATE INDEX feed_subscriptions_owner_idx ON feed_subscriptions (owner_id, id);

ALTER TABLE feed_subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE feed_subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY feed_subscriptions_owner_only ON feed_subscriptions
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
