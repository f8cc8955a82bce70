package io.metacortex.plugin.api;

import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Looks up other users' profiles, e.g. to show who a task was delegated to. Needs the permission
 * {@value PluginPermissions#USERS_READ}.
 *
 * @since 1.1
 */
@ProviderType
public interface UserDirectory {

    /** @return the user with this id, if there is one and they are not disabled */
    Optional<User> find(UUID id);
}
