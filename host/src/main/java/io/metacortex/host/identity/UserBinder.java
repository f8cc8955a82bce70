package io.metacortex.host.identity;

import io.metacortex.plugin.api.User;
import java.security.Principal;
import java.util.function.Function;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.model.Parameter.Source;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.spi.internal.ValueParamProvider;

/**
 * Makes {@code @Context User} a resource method parameter of a plugin's resources: the caller, read from the
 * request's security context (set by {@link ApiAccessFilter}) when the method is called; null on a public route called
 * anonymously. No injection lookup per request: Jersey asks this provider once per parameter, when it builds the
 * application.
 */
public final class UserBinder extends AbstractBinder {

    @Override
    protected void configure() {
        bind(new UserParameters()).to(ValueParamProvider.class);
    }

    /** {@code @Context User} parameters, consulted before Jersey's own injection of the other context types. */
    static final class UserParameters implements ValueParamProvider {

        private static final Function<ContainerRequest, User> CALLER = request -> {
            Principal principal = request.getSecurityContext().getUserPrincipal();
            return principal instanceof User user ? user : null;
        };

        @Override
        public Function<ContainerRequest, ?> getValueProvider(Parameter parameter) {
            return parameter.getSource() == Source.CONTEXT && parameter.getRawType() == User.class ? CALLER : null;
        }

        @Override
        public PriorityType getPriority() {
            return Priority.HIGH;
        }
    }
}
