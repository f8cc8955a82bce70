-- The permissions an admin accepted for each plugin (see MetaCortex-Plugin-Permissions).

ALTER TABLE plugins ADD COLUMN accepted_permissions TEXT[] NOT NULL DEFAULT '{}';

COMMENT ON COLUMN plugins.accepted_permissions IS 'Labels such as users:read or http:outbound(api.example.com): exactly what the current version declares, once accepted; a version needing more does not load';
