package io.metacortex.host.identity;

import io.metacortex.plugin.api.CurrentUser;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.security.Principal;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.process.internal.RequestScoped;

/** Makes {@code @Context CurrentUser} injectable in a plugin's resource methods. */
public final class CurrentUserBinder extends AbstractBinder {

    @Override
    protected void configure() {
        bindFactory(CurrentUserSupplier.class).to(CurrentUser.class).in(RequestScoped.class);
    }

    /** The request's authenticated user, or null on a public route called anonymously. */
    static final class CurrentUserSupplier implements Supplier<CurrentUser> {

        private final Provider<ContainerRequestContext> request;

        @Inject
        CurrentUserSupplier(Provider<ContainerRequestContext> request) {
            this.request = request;
        }

        @Override
        public CurrentUser get() {
            Principal principal = request.get().getSecurityContext().getUserPrincipal();
            return principal instanceof CurrentUser user ? user : null;
        }
    }
}
