package io.metacortex.plugin.api;

import java.security.Principal;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The authenticated caller of a request, injected into a resource method as {@code @Context User user}
 * (and returned by {@code SecurityContext.getUserPrincipal()}). On a {@link PublicRoute} called anonymously it is
 * {@code null}. Implemented by the host only.
 *
 * @since 1.1
 */
@ProviderType
public interface User extends Principal {

    /** The role of every user. */
    String ROLE_USER = "user";

    /** The role of administrators. */
    String ROLE_ADMIN = "admin";

    /** @return the user's stable id; key the plugin's per-user data by it */
    UUID id();

    /** @return the e-mail address, or {@code null} when the user has none */
    String email();

    /** @return the name to show */
    String displayName();

    /** @return the user's roles, e.g. {@code user} and {@code admin} */
    Set<String> roles();

    /** @return the user's time zone, for "today" and other local dates */
    ZoneId timeZone();

    /** @return whether the user has the role */
    default boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** @return the user id as text, as {@link Principal} requires */
    @Override
    default String getName() {
        return id().toString();
    }
}
