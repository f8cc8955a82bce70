-- CalDAV (RFC 4791): a client creates a calendar with MKCALENDAR at a URL of its choosing, and finds it there
-- afterwards. dav_name is that URL's last segment; NULL for calendars created otherwise, whose segment is their id.
-- A name of digits only is refused (by the plugin and here), so that a name never meets another calendar's id.
ALTER TABLE calendars ADD COLUMN dav_name TEXT
    CHECK (dav_name ~ '^[A-Za-z0-9._~@-]{1,200}$' AND dav_name !~ '^[0-9]+$');

CREATE UNIQUE INDEX calendars_owner_id_dav_name_key ON calendars (owner_id, dav_name) WHERE dav_name IS NOT NULL;
