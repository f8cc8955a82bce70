package io.metacortex.host.code;

import io.metacortex.host.errors.HostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The install-time check of a plugin's code against {@link CodeRules}: a version whose code refers to anything
 * forbidden is refused before any of it runs, unless the plugin is listed in {@code plugins.trustedCode}; then the
 * host logs what it would have refused.
 */
public final class CodeCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CodeCheck.class);

    private final Set<String> trusted;

    /** @param trusted the ids of plugins whose code is not checked ({@code plugins.trustedCode}) */
    public CodeCheck(Set<String> trusted) {
        this.trusted = Set.copyOf(trusted);
    }

    /** @return whether the plugin's code goes unchecked */
    public boolean isTrusted(String pluginId) {
        return trusted.contains(pluginId);
    }

    /**
     * @return the forbidden references of the jar's code (empty when clean), whether or not the plugin is trusted
     * @throws HostException as {@link BundleCode#findings} does, for a damaged jar or an unreadable class
     */
    public List<CodeFinding> findings(byte[] jar) {
        return BundleCode.findings(jar);
    }

    /**
     * Refuses the plugin's version if its code refers to anything forbidden, unless the plugin is trusted.
     *
     * @param plugin the plugin and version, as a refusal names them: {@code tasks 1.2.0}
     * @param unchanged what stays as it was, said at the end of a refusal
     * @throws ForbiddenCodeException naming each finding
     */
    public void require(String pluginId, String plugin, byte[] jar, String unchanged) {
        List<CodeFinding> findings;
        try {
            findings = findings(jar);
        } catch (HostException e) {
            if (isTrusted(pluginId) && e.status() == 422) {
                LOG.warn(
                        "Plugin {} is trusted (plugins.trustedCode), its code not checked: {}", plugin, e.getMessage());
                return;
            }
            throw e;
        }
        if (!findings.isEmpty() && isTrusted(pluginId)) {
            LOG.warn(
                    "Plugin {} is trusted (plugins.trustedCode), so it is loaded although its code would be refused: {}",
                    plugin,
                    findings.stream().map(CodeFinding::describe).collect(Collectors.joining("; ")));
        }
        Optional<ForbiddenCodeException> refusal = refusal(pluginId, plugin, findings, unchanged);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /** @return the refusal of the plugin's version for its findings: none when there are none or it is trusted */
    public Optional<ForbiddenCodeException> refusal(
            String pluginId, String plugin, List<CodeFinding> findings, String unchanged) {
        return findings.isEmpty() || isTrusted(pluginId)
                ? Optional.empty()
                : Optional.of(new ForbiddenCodeException(plugin, findings, unchanged));
    }
}
