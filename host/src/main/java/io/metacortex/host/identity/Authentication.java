package io.metacortex.host.identity;

import java.util.Set;

/** Who made a request and what the credential they used allows. */
public record Authentication(UserAccount user, Set<Scope> scopes, Method method) {

    /** How the caller proved who they are. */
    public enum Method {
        BOOTSTRAP_TOKEN,
        ACCESS_TOKEN,
        JWT,
        /** HTTP Basic: the user's e-mail and a personal access token, on the routes that accept it. */
        BASIC
    }

    /** The request attribute under which the servlet filter leaves the authentication for Jersey. */
    public static final String ATTRIBUTE = Authentication.class.getName();

    public boolean allows(Scope scope) {
        return scopes.contains(scope);
    }

    /** @return the caller as the audit log names them: {@code bootstrap-admin}, or the user's name */
    public String auditActor() {
        return user.isBootstrapAdmin() ? "bootstrap-admin" : user.getName();
    }
}
