package io.metacortex.host.modules;

import java.util.Map;

/** A module as {@code GET /api/me/modules} shows it to one user. */
public record ModuleView(
        String id,
        String name,
        String description,
        String version,
        boolean enabled,
        Map<String, Object> settings,
        Map<String, Map<String, Object>> settingsSchema) {}
