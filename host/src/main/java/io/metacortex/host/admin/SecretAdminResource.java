package io.metacortex.host.admin;

import io.metacortex.host.audit.Audited;
import io.metacortex.host.secrets.SecretReencryption;
import io.metacortex.host.secrets.StoredSecrets;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The keys of plugins' secrets: how many secrets each key holds, and re-encryption under the current key. */
@AdminOnly
@Path("/admin/secrets")
@Produces(MediaType.APPLICATION_JSON)
public final class SecretAdminResource {

    private final StoredSecrets secrets;
    private final SecretReencryption reencryption;

    public SecretAdminResource(StoredSecrets secrets, SecretReencryption reencryption) {
        this.secrets = secrets;
        this.reencryption = reencryption;
    }

    /**
     * Key ids and counts only, never a secret: {@code unconfiguredKeys} lists key ids that hold secrets but are not
     * configured, so those secrets cannot be read.
     */
    public record KeyUsage(
            String currentKey, Set<String> configuredKeys, Map<String, Long> byKey, List<String> unconfiguredKeys) {}

    @GET
    @Operation(summary = "The current key, the configured key ids, and how many secrets each key id holds")
    public KeyUsage usage() {
        Map<String, Long> byKey = secrets.countByKey();
        Set<String> configured = secrets.keys().ids();
        return new KeyUsage(
                secrets.keys().currentKeyId(),
                configured,
                byKey,
                byKey.keySet().stream().filter(id -> !configured.contains(id)).toList());
    }

    @Audited("secrets.reencrypt")
    @POST
    @Path("reencrypt")
    @Operation(summary = "Re-encrypts every secret under the current key, while the host keeps serving")
    public SecretReencryption.Result reencrypt() {
        return reencryption.run();
    }
}
