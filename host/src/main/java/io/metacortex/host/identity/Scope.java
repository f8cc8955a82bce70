package io.metacortex.host.identity;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What a token may do: read or write through the plugin API, or use the admin API. */
public enum Scope {
    API_READ("api:read"),
    API_WRITE("api:write"),
    ADMIN("admin");

    private final String label;

    Scope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Scope parse(String label) {
        for (Scope scope : values()) {
            if (scope.label.equals(label)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + label + "'; known scopes are " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(Scope::label).collect(Collectors.joining(", "));
    }

    /** @return every scope a user with these roles may hold */
    public static Set<Scope> allowedFor(Set<String> roles) {
        Set<Scope> scopes = new LinkedHashSet<>(Set.of(API_READ, API_WRITE));
        if (roles.contains(UserAccount.ROLE_ADMIN)) {
            scopes.add(ADMIN);
        }
        return scopes;
    }
}
