package io.metacortex.host.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.metacortex.host.code.CodeFinding;
import io.metacortex.host.errors.ErrorAnswer;
import io.metacortex.host.errors.HostException;
import java.util.List;

/**
 * What an install, or the upgrade of an installed plugin, would do with a jar, answered by {@code POST
 * /admin/plugins/preview} without changing anything.
 *
 * @param action {@code install}, or {@code upgrade} when the plugin is installed
 * @param from the installed version, absent for an install
 * @param to the jar's version
 * @param permissions what the jar declares, as {@code ?accept=} labels them
 * @param permissionsToAccept those not accepted before (nor with the preview's {@code accept}): the operation's
 *     {@code ?accept=} must list them
 * @param codeTrusted whether the plugin is in {@code plugins.trustedCode}: its findings do not refuse it
 * @param findings the forbidden references of its code, empty when clean
 * @param refused whether the operation would be refused
 * @param refusals why: each refusal's error and detail, as the operation would answer the first of them
 */
public record PluginPreview(
        String id,
        String name,
        String action,
        @JsonInclude(JsonInclude.Include.NON_NULL) String from,
        String to,
        List<String> permissions,
        List<String> permissionsToAccept,
        boolean codeTrusted,
        List<CodeFinding> findings,
        boolean refused,
        List<ErrorAnswer> refusals) {

    static PluginPreview of(
            PluginBundle bundle,
            String installedVersion,
            Permissions toAccept,
            boolean codeTrusted,
            List<CodeFinding> findings,
            List<HostException> refusals) {
        return new PluginPreview(
                bundle.id(),
                bundle.name(),
                installedVersion == null ? "install" : "upgrade",
                installedVersion,
                bundle.version().toString(),
                bundle.permissions().labels(),
                toAccept.labels(),
                codeTrusted,
                findings,
                !refusals.isEmpty(),
                refusals.stream().map(HostException::entity).toList());
    }
}
