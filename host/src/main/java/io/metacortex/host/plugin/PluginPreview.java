package io.metacortex.host.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.metacortex.host.code.CodeFinding;
import io.metacortex.host.errors.ErrorAnswer;
import io.metacortex.host.errors.HostException;
import io.metacortex.host.felix.PackageImport;
import io.metacortex.host.openapi.ApiChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an install, or the upgrade of an installed plugin, would do with a jar, answered by {@code POST
 * /admin/plugins/preview} without changing anything.
 *
 * @param preview the id that makes the install or upgrade ({@code ?preview=}) refuse anything but what was previewed
 * @param expiresAt when {@code preview} expires
 * @param action {@code install}, or {@code upgrade} when the plugin is installed
 * @param from the installed version, absent for an install
 * @param to the jar's version
 * @param permissions what the jar declares, as {@code ?accept=} labels them
 * @param permissionsToAccept those not accepted before (nor with the preview's {@code accept}): the operation's
 *     {@code ?accept=} must list them
 * @param permissionsAdded those the jar declares and the installed version does not (all, for an install)
 * @param permissionsRemoved those the installed version declares and the jar does not
 * @param codeTrusted whether the plugin is in {@code plugins.trustedCode}: its findings do not refuse it
 * @param findings the forbidden references of its code, empty when clean
 * @param imports each package the jar imports, its range, and whether the host (or a plugin) exports a version in it
 * @param migrations the migrations the operation would run, and whether a rollback stays possible after them
 * @param signature the jar's signature as the host's checks see it
 * @param api how the jar's API differs from the installed version's (for an install: every operation is added)
 * @param refused whether the operation would be refused
 * @param refusals why: each refusal's error and detail, as the operation would answer the first of them
 */
public record PluginPreview(
        String preview,
        Instant expiresAt,
        String id,
        String name,
        String action,
        @JsonInclude(JsonInclude.Include.NON_NULL) String from,
        String to,
        List<String> permissions,
        List<String> permissionsToAccept,
        List<String> permissionsAdded,
        List<String> permissionsRemoved,
        boolean codeTrusted,
        List<CodeFinding> findings,
        List<PackageImport> imports,
        Migrations migrations,
        BundleSignature signature,
        ApiChanges api,
        boolean refused,
        List<ErrorAnswer> refusals) {

    /**
     * @param pending the file names of the jar's scripts not applied to the plugin's schema yet, in order
     * @param rollbackPossible for an upgrade: whether a rollback to the version it replaces would still be allowed
     *     after these ran (absent for an install: there is nothing to roll back to)
     * @param detail why, for an upgrade
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Migrations(List<String> pending, Boolean rollbackPossible, String detail) {}

    static PluginPreview of(
            PluginBundle bundle,
            String installedVersion,
            Permissions toAccept,
            boolean codeTrusted,
            List<CodeFinding> findings,
            List<HostException> checkRefusals,
            PluginPreviews.Facts facts) {
        List<HostException> refusals = new ArrayList<>(checkRefusals);
        refusals.addAll(facts.refusals());
        return new PluginPreview(
                facts.preview(),
                facts.expiresAt(),
                bundle.id(),
                bundle.name(),
                installedVersion == null ? "install" : "upgrade",
                installedVersion,
                bundle.version().toString(),
                bundle.permissions().labels(),
                toAccept.labels(),
                facts.permissionsAdded(),
                facts.permissionsRemoved(),
                codeTrusted,
                findings,
                facts.imports(),
                facts.migrations(),
                facts.signature(),
                facts.api(),
                !refusals.isEmpty(),
                refusals.stream().map(HostException::entity).toList());
    }
}
