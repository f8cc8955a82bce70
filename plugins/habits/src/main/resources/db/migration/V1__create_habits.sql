-- Habits, their check-ins and their explicit rest days, applied by the host into the plugin's own schema
-- (plugin_habits): names stay unqualified. Every row belongs to one user (owner_id); see the row-level security at
-- the end. Days are the user's local calendar days (DATE), computed by the plugin in the user's time zone.

CREATE TABLE habits (
    id         BIGSERIAL PRIMARY KEY,
    owner_id   UUID        NOT NULL,
    name       TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    kind       TEXT        NOT NULL CHECK (kind IN ('YES_NO', 'MEASURABLE')),
    -- MEASURABLE only: the daily amount that makes a day done, and what it is counted in.
    target     NUMERIC              CHECK (target > 0 AND target < 1000000000 AND scale(target) <= 3),
    unit       TEXT                 CHECK (char_length(unit) BETWEEN 1 AND 30),
    -- The weekdays it is scheduled on, in week order; empty means every day.
    days       TEXT[]      NOT NULL DEFAULT '{}'
                           CHECK (days <@ ARRAY['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']),
    -- A task of the tasks plugin whose completion checks the habit in; not a foreign key (another schema).
    task_id    BIGINT               CHECK (task_id > 0),
    archived   BOOLEAN     NOT NULL DEFAULT false,
    -- The owner's time zone at the last write of the habit or a check-in through the API: the task completion
    -- listener gets only a user id, and uses it for "today".
    time_zone  TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT target_and_unit_iff_measurable CHECK (
        (kind = 'MEASURABLE' AND target IS NOT NULL AND unit IS NOT NULL)
        OR (kind = 'YES_NO' AND target IS NULL AND unit IS NULL)),
    -- What the foreign keys of check_ins and rest_days need; its index serves the unfiltered list:
    --   GET /api/habits: WHERE owner_id = :owner AND id > :afterId ORDER BY id LIMIT n,
    -- and every single-habit lookup: WHERE owner_id = :owner AND id = :id.
    CONSTRAINT habits_owner_id_id_key UNIQUE (owner_id, id)
);

-- GET /api/habits?archived=: WHERE owner_id = :owner AND archived = :archived AND id > :afterId ORDER BY id.
CREATE INDEX habits_owner_archived_idx ON habits (owner_id, archived, id);

-- GET /api/habits?kind=: WHERE owner_id = :owner AND kind = ANY (:kinds) AND id > :afterId ORDER BY id.
CREATE INDEX habits_owner_kind_idx ON habits (owner_id, kind, id);

-- The task completion listener (and nothing else): WHERE owner_id = :owner AND task_id IN (:taskId, :seriesId)
-- AND NOT archived; only linked habits are worth indexing.
CREATE INDEX habits_owner_task_idx ON habits (owner_id, task_id) WHERE task_id IS NOT NULL;

-- One check-in per habit and local day; posting again replaces the value.
CREATE TABLE check_ins (
    owner_id   UUID        NOT NULL,
    habit_id   BIGINT      NOT NULL,
    day        DATE        NOT NULL,
    -- MEASURABLE: the amount done that day; NULL for YES_NO (the row itself means done).
    value      NUMERIC              CHECK (value >= 0 AND value < 1000000000 AND scale(value) <= 3),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    -- Its index serves every check-in query, all of which name one habit of one owner:
    --   POST /api/habits/{id}/check-ins (ON CONFLICT), DELETE /api/habits/{id}/check-ins/{date},
    --   GET /api/habits/{id}/check-ins?from=&to= and GET /api/habits/{id}/stats
    --     (WHERE owner_id = :owner AND habit_id = :habit AND day BETWEEN :from AND :to ORDER BY day),
    -- and the ON DELETE CASCADE lookup of the foreign key below.
    PRIMARY KEY (owner_id, habit_id, day),
    FOREIGN KEY (owner_id, habit_id) REFERENCES habits (owner_id, id) ON DELETE CASCADE
);

-- Days the user marked as rest days of a habit (besides its unscheduled weekdays): they never break a streak and do
-- not count in the completion rate.
CREATE TABLE rest_days (
    owner_id   UUID        NOT NULL,
    habit_id   BIGINT      NOT NULL,
    day        DATE        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    -- Its index serves every rest-day query, all of which name one habit of one owner:
    --   PUT and DELETE /api/habits/{id}/rest-days/{date}, GET /api/habits/{id}/rest-days?from=&to= and
    --   GET /api/habits/{id}/stats (WHERE owner_id = :owner AND habit_id = :habit AND day BETWEEN :from AND :to),
    -- and the ON DELETE CASCADE lookup of the foreign key below.
    PRIMARY KEY (owner_id, habit_id, day),
    FOREIGN KEY (owner_id, habit_id) REFERENCES habits (owner_id, id) ON DELETE CASCADE
);

-- Row-level security, the backstop behind the DAOs' explicit owner filters (as in the tasks plugin): the host sets
-- app.user_id on every connection it hands the plugin to the caller's id, or '' outside a request ('' and an unset
-- setting match no row). FORCE applies the policies to the tables' owner too; superusers and roles with BYPASSRLS
-- still bypass them. WITH CHECK refuses writing a row owned by anyone else. The foreign keys (owner_id, habit_id)
-- keep check-ins and rest days with a habit of the same owner whatever role writes.
ALTER TABLE habits ENABLE ROW LEVEL SECURITY;
ALTER TABLE habits FORCE ROW LEVEL SECURITY;
CREATE POLICY habits_owner_only ON habits
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE check_ins ENABLE ROW LEVEL SECURITY;
ALTER TABLE check_ins FORCE ROW LEVEL SECURITY;
CREATE POLICY check_ins_owner_only ON check_ins
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);

ALTER TABLE rest_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE rest_days FORCE ROW LEVEL SECURITY;
CREATE POLICY rest_days_owner_only ON rest_days
    USING (owner_id = nullif(current_setting('app.user_id', true), '')::uuid)
    WITH CHECK (owner_id = nullif(current_setting('app.user_id', true), '')::uuid);
