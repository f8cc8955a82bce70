package io.metacortex.bench;

import io.metacortex.plugin.api.User;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.security.Principal;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.process.internal.RequestScoped;

/** Makes {@code @Context User} injectable as the host's UserBinder does: the request's authenticated principal. */
final class BaselineUserBinder extends AbstractBinder {

    @Override
    protected void configure() {
        bindFactory(UserSupplier.class).to(User.class).in(RequestScoped.class);
    }

    /** The user {@link StaticTokenFilter} put on the request. */
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
