package io.metacortex.host.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One plugin version's part of the OpenAPI document, as JSON only (no class references, so it can outlive the
 * plugin's class loader): its paths under {@code /api/<id>}, the schemas they use (named {@code <id>.<Name>}) and
 * the tag its operations carry.
 */
public record PluginApi(String pluginId, ObjectNode paths, ObjectNode schemas, ObjectNode tag) {}
