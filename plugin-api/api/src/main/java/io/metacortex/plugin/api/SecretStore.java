package io.metacortex.plugin.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps a plugin's secrets (API keys, access tokens of third-party services) encrypted at rest by the host
 * (authenticated encryption with a rotating key). Names are the plugin's own: {@code plaid/<user-id>} for a
 * per-user token, for instance. Needs the permission {@value PluginPermissions#SECRETS}.
 *
 * @since 1.1
 */
@ProviderType
public interface SecretStore {

    /** Stores or replaces a secret. @throws IllegalArgumentException for a blank name or a null value */
    void put(String name, String value);

    /** @return the secret, decrypted, if it exists */
    Optional<String> get(String name);

    /** @return whether a secret was deleted */
    boolean delete(String name);
}
