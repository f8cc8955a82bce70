package io.metacortex.host.identity;

import io.metacortex.plugin.api.User;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.security.Principal;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.process.internal.RequestScoped;

/** Makes {@code @Context User} injectable in a plugin's resource methods. */
public final class UserBinder extends AbstractBinder {

    @Override
    protected void configure() {
        // One supplier for the container's life (its Provider looks the request up at each call): a supplier bound by
        // class alone would be created, and its constructor injected, for every request.
        bindFactory(UserSupplier.class, Singleton.class).to(User.class).in(RequestScoped.class);
    }

    /** The request's authenticated user, or null on a public route called anonymously. */
    static final class UserSupplier implements Supplier<User> {

        private final Provider<ContainerRequestContext> request;

        @Inject
        UserSupplier(Provider<ContainerRequestContext> request) {
            this.request = request;
        }

        @Override
        public User get() {
            Principal principal = request.get().getSecurityContext().getUserPrincipal();
            return principal instanceof User user ? user : null;
        }
    }
}
