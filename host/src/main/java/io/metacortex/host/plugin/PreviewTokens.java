package io.metacortex.host.plugin;

import io.metacortex.host.errors.HostException;
import jakarta.ws.rs.core.Response.Status;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The previews an admin may install or upgrade by ({@code ?preview=<id>}): each remembers the jar's SHA-256, the
 * permissions accepted with it and the version installed when it was made, so that the operation installs exactly what
 * was reviewed. Kept in memory only, for {@code plugins.previewValidity}: a preview is a step of one admin session,
 * and a restart, which forgets them, changes nothing that needs them (preview again).
 */
final class PreviewTokens {

    static final String REQUIRED = "preview required";
    static final String EXPIRED = "preview expired";
    static final String MISMATCH = "preview does not match";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Preview> previews = new ConcurrentHashMap<>();
    private final Duration validity;
    private final boolean required;
    private final Clock clock;

    /** What a preview saw. */
    private record Preview(String pluginId, String from, String sha256, Permissions accepted, Instant expiresAt) {}

    PreviewTokens(Duration validity, boolean required, Clock clock) {
        this.validity = validity;
        this.required = required;
        this.clock = clock;
    }

    /** A preview's id, and when it expires. */
    record Issued(String id, Instant expiresAt) {}

    /** @return a new preview of {@code bundle}, at the installed version {@code from} (null: none) */
    Issued issue(PluginBundle bundle, String from, Permissions accepted) {
        Instant now = clock.instant();
        previews.values().removeIf(preview -> !preview.expiresAt().isAfter(now));
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String id = "pv_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant expiresAt = now.plus(validity);
        previews.put(id, new Preview(bundle.id(), from, bundle.sha256(), accepted, expiresAt));
        return new Issued(id, expiresAt);
    }

    /**
     * Checks that an install or upgrade is the one previewed as {@code previewId}.
     *
     * @param previewId the operation's {@code ?preview=}, or null
     * @param from the version installed now, or null
     * @param accepted the operation's {@code ?accept=}
     * @throws HostException {@code 422 preview required} without one when {@code plugins.requirePreview} is on,
     *     {@code 409 preview expired} for an unknown or expired one, {@code 409 preview does not match} naming each
     *     difference
     */
    void require(String previewId, PluginBundle bundle, String from, Permissions accepted, String unchanged) {
        if (previewId == null || previewId.isBlank()) {
            if (required) {
                throw new HostException(
                        422,
                        REQUIRED,
                        "This host installs and upgrades plugins only as previewed (plugins.requirePreview): POST the"
                                + " jar to /admin/plugins/preview with the same ?accept=, review the answer, and repeat"
                                + " this request with ?preview=<its preview id>. " + unchanged,
                        null);
            }
            return;
        }
        Preview preview = previews.get(previewId);
        if (preview == null || !preview.expiresAt().isAfter(clock.instant())) {
            throw new HostException(
                    Status.CONFLICT,
                    EXPIRED,
                    "No preview '" + previewId + "' is known: previews expire " + validity.toMinutes()
                            + " minutes after they are made, and a restart forgets them. Preview the jar again. "
                            + unchanged);
        }
        List<String> differences = new ArrayList<>();
        if (!preview.pluginId().equals(bundle.id())) {
            differences.add("the preview was of plugin " + preview.pluginId() + ", this jar is " + bundle.id());
        } else if (!preview.sha256().equals(bundle.sha256())) {
            differences.add("this jar (SHA-256 " + bundle.sha256() + ") is not the jar previewed (SHA-256 "
                    + preview.sha256() + ")");
        }
        if (!preview.accepted().equals(accepted)) {
            differences.add("?accept=" + String.join(",", accepted.labels()) + " differs from the preview's ?accept="
                    + String.join(",", preview.accepted().labels()));
        }
        if (!Objects.equals(preview.from(), from)) {
            differences.add("the preview was made with "
                    + (preview.from() == null ? "the plugin not installed" : "version " + preview.from() + " installed")
                    + ", and " + (from == null ? "it is not installed" : "version " + from + " is installed")
                    + " now");
        }
        if (!differences.isEmpty()) {
            throw new HostException(
                    Status.CONFLICT,
                    MISMATCH,
                    "This is not what preview " + previewId + " showed: " + String.join("; ", differences)
                            + ". Preview this request again. " + unchanged);
        }
    }

    /** Forgets a preview once its operation succeeded: the installed version it saw has changed. */
    void used(String previewId) {
        if (previewId != null) {
            previews.remove(previewId);
        }
    }
}
