-- Per-user modules: a user may choose settings without choosing whether the module is on, and then follows the
-- plugin's enabled_by_default, also when an admin changes it later.

ALTER TABLE user_modules ALTER COLUMN enabled DROP NOT NULL;

COMMENT ON COLUMN user_modules.enabled IS 'The user''s choice; NULL: no choice, plugins.enabled_by_default applies';
COMMENT ON COLUMN user_modules.settings IS 'The settings the user chose (name to value); defaults are not stored';
