-- Durable events between plugins: a transactional outbox. A plugin publishes through metacortex_events.publish_event
-- inside its own transaction, so the event and its deliveries exist if and only if that transaction commits.

-- Each event, once. user_id is the app.user_id of the publishing connection (empty outside a user's request).
CREATE TABLE events (
    id           BIGSERIAL PRIMARY KEY,
    publisher    TEXT NOT NULL,
    type         TEXT NOT NULL,
    payload      JSONB NOT NULL,
    user_id      TEXT,
    published_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- What each plugin subscribed to, kept while it is disabled or uninstalled without purge.
CREATE TABLE event_subscriptions (
    publisher  TEXT NOT NULL,
    type       TEXT NOT NULL,
    subscriber TEXT NOT NULL,
    since      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (publisher, type, subscriber)
);

-- One row per event and subscriber, written with the event. A delivered row is the proof that the subscriber's
-- handler committed (it is written in the handler's transaction), so the event is not handed to it again.
CREATE TABLE event_deliveries (
    subscriber      TEXT NOT NULL,
    event_id        BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    publisher       TEXT NOT NULL,
    type            TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'parked')),
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ,
    PRIMARY KEY (subscriber, event_id)
);

CREATE INDEX event_deliveries_waiting_idx ON event_deliveries (subscriber, publisher, event_id)
    WHERE state <> 'delivered';
CREATE INDEX event_deliveries_delivered_idx ON event_deliveries (delivered_at) WHERE state = 'delivered';
CREATE INDEX events_published_at_idx ON events (published_at);

-- The only door plugins have to the outbox: a schema holding two functions that run as the host's user. Each
-- derives the calling plugin from the session's login role (plugin_<id>), so no plugin can publish, or record a
-- delivery, as another. Only where plugins share the host's user (it may not create roles, and then nothing keeps
-- plugins apart anyway) is the plugin id the host passes taken.
CREATE SCHEMA metacortex_events;

CREATE FUNCTION metacortex_events.calling_plugin(claimed TEXT) RETURNS TEXT
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = metacortex, pg_temp AS $$
DECLARE
    plugin TEXT;
BEGIN
    SELECT plugin_id INTO plugin FROM metacortex.plugin_roles WHERE role_name = session_user;
    IF plugin IS NOT NULL THEN
        RETURN plugin;
    END IF;
    IF session_user = current_user AND claimed IS NOT NULL THEN
        RETURN claimed;
    END IF;
    RAISE EXCEPTION 'role % is not a plugin''s role', session_user USING ERRCODE = '42501';
END
$$;

CREATE FUNCTION metacortex_events.publish_event(claimed TEXT, event_type TEXT, event_payload JSONB) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = metacortex, pg_temp AS $$
DECLARE
    v_publisher TEXT := metacortex_events.calling_plugin(claimed);
    v_id BIGINT;
BEGIN
    -- One publishing transaction per plugin at a time, until it ends: ids then follow the commit order, and a
    -- dispatcher never sees a later event of the publisher before an earlier one commits.
    PERFORM pg_advisory_xact_lock(hashtext('metacortex.events'), hashtext(v_publisher));
    INSERT INTO metacortex.events (publisher, type, payload, user_id)
        VALUES (v_publisher, event_type, event_payload, NULLIF(current_setting('app.user_id', true), ''))
        RETURNING id INTO v_id;
    INSERT INTO metacortex.event_deliveries (subscriber, event_id, publisher, type)
        SELECT s.subscriber, v_id, v_publisher, event_type FROM metacortex.event_subscriptions s
        WHERE s.publisher = v_publisher AND s.type = event_type;
    IF FOUND THEN
        PERFORM pg_notify('metacortex_events', v_publisher);
    END IF;
    RETURN v_id;
END
$$;

CREATE FUNCTION metacortex_events.record_delivery(claimed TEXT, delivered BIGINT) RETURNS BOOLEAN
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = metacortex, pg_temp AS $$
BEGIN
    UPDATE metacortex.event_deliveries
        SET state = 'delivered', delivered_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL
        WHERE subscriber = metacortex_events.calling_plugin(claimed) AND event_id = delivered
          AND state <> 'delivered';
    RETURN FOUND;
END
$$;

REVOKE ALL ON FUNCTION metacortex_events.calling_plugin(TEXT) FROM PUBLIC;
GRANT USAGE ON SCHEMA metacortex_events TO PUBLIC;
