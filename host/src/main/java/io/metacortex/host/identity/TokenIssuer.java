package io.metacortex.host.identity;

import io.metacortex.host.errors.ValidationException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Validates token requests and issues and revokes personal access tokens for users. */
public final class TokenIssuer {

    static final int MAX_NAME = 100;

    private final TokenStore tokens;
    private final Authenticator authenticator;
    private final Clock clock;

    public TokenIssuer(TokenStore tokens, Authenticator authenticator, Clock clock) {
        this.tokens = tokens;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /** @throws ValidationException (422) naming each invalid field */
    public TokenView issue(UserAccount user, TokenRequest request) {
        if (request == null) {
            throw new ValidationException(
                    Map.of("body", "send {\"name\": ..., \"expiresAt\"?: ..., \"scopes\"?: [...]}"));
        }
        Map<String, String> fields = new TreeMap<>();
        String name = request.name() == null ? "" : request.name().trim();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            fields.put("name", "must be 1 to " + MAX_NAME + " characters");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
            fields.put("expiresAt", "must be in the future");
        }
        Set<Scope> allowed = Scope.allowedFor(user.roles());
        Set<Scope> scopes = new LinkedHashSet<>();
        if (request.scopes() == null) {
            scopes.addAll(allowed);
        } else {
            for (String label : request.scopes()) {
                try {
                    Scope scope = Scope.parse(label);
                    if (!allowed.contains(scope)) {
                        fields.put("scopes", "this user may not hold the scope " + label);
                    }
                    scopes.add(scope);
                } catch (IllegalArgumentException e) {
                    fields.put("scopes", e.getMessage());
                }
            }
            if (scopes.isEmpty() && !fields.containsKey("scopes")) {
                fields.put("scopes", "name at least one of " + Scope.known());
            }
        }
        if (!fields.isEmpty()) {
            throw new ValidationException(fields);
        }
        TokenStore.Issued issued = tokens.create(user.id(), name, scopes, request.expiresAt());
        return TokenView.of(issued.token(), issued.secret());
    }

    /** @return false when the user has no such live token */
    public boolean revoke(UserAccount user, UUID tokenId) {
        boolean revoked = tokens.revoke(user.id(), tokenId);
        if (revoked) {
            authenticator.forgetCached();
        }
        return revoked;
    }
}
