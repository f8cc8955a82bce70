package io.metacortex.host.plugin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.metacortex.host.errors.HostException;
import java.util.Optional;

/**
 * A jar's signature as the host's checks see it ({@link BundleSignatures#inspect}).
 *
 * @param status {@code unsigned}; {@code trusted} or {@code untrusted} (signed, checked against the truststore of
 *     {@code plugins.requireSigned}); {@code signed} (signed whole by one publisher, not checked against a truststore:
 *     the host has none); {@code invalid} (an entry added, changed or removed after signing, or several publishers)
 * @param signer the subject DN of the publisher's certificate, when signed
 * @param required whether this host installs only jars signed by a trusted publisher ({@code plugins.requireSigned})
 * @param detail for {@code untrusted} and {@code invalid}: what is wrong
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleSignature(
        String status,
        String signer,
        boolean required,
        String detail,
        @JsonIgnore HostException refusal) {

    static BundleSignature unsigned(HostException refusal) {
        return new BundleSignature("unsigned", null, refusal != null, null, refusal);
    }

    static BundleSignature trusted(String signer) {
        return new BundleSignature("trusted", signer, true, null, null);
    }

    static BundleSignature signed(String signer) {
        return new BundleSignature("signed", signer, false, null, null);
    }

    /** A signed jar the checks refused: {@code untrusted} or {@code invalid}, refused only when signing is required. */
    static BundleSignature refused(HostException why, String signer, boolean required) {
        String status = why.entity().error().equals("untrusted signer") ? "untrusted" : "invalid";
        return new BundleSignature(status, signer, required, why.entity().detail(), required ? why : null);
    }

    /** @return the refusal of an install or upgrade of the jar, when its signature refuses it */
    Optional<HostException> refusalIfAny() {
        return Optional.ofNullable(refusal);
    }
}
