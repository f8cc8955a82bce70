package io.metacortex.host.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns an {@code Authorization} header into an {@link Authentication}: the bootstrap admin token, a personal
 * access token ({@code mct_...}) or a JWT from the configured identity provider; or an {@code Authorization: Basic}
 * header into the same for the routes that accept it ({@link #authenticateBasic}). Verified credentials are cached
 * briefly; revoking a token or disabling a user clears the cache.
 */
public final class Authenticator {

    private static final String BEARER = "Bearer ";
    /** One answer for every failed Basic credential: it does not tell whether the e-mail address is a user's. */
    static final String BASIC_MISMATCH = "The e-mail address and personal access token do not match: the token is"
            + " unknown, revoked or expired, or it is not that user's.";

    private final String bootstrapToken;
    private final TokenStore tokens;
    private final UserStore users;
    private final JwtVerifier jwt;
    private final Clock clock;
    private final Cache<String, Cached> cache;

    private record Cached(Authentication authentication, Instant expiresAt) {}

    /**
     * @param bootstrapToken the bootstrap admin token, or null when it is disabled
     * @param jwt the identity provider's verifier, or null when none is configured
     */
    public Authenticator(
            String bootstrapToken,
            TokenStore tokens,
            UserStore users,
            JwtVerifier jwt,
            Clock clock,
            Duration cacheTtl) {
        this.bootstrapToken = bootstrapToken;
        this.tokens = tokens;
        this.users = users;
        this.jwt = jwt;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(10_000)
                .build();
    }

    public Authentication authenticate(String authorization) throws AuthenticationException {
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AuthenticationException("The Authorization header must use the Bearer scheme.");
        }
        String credential = authorization.substring(BEARER.length()).trim();
        if (credential.isEmpty()) {
            throw new AuthenticationException("The bearer token is empty.");
        }
        if (bootstrapToken != null
                && MessageDigest.isEqual(
                        bootstrapToken.getBytes(StandardCharsets.UTF_8), credential.getBytes(StandardCharsets.UTF_8))) {
            return new Authentication(
                    UserAccount.BOOTSTRAP_ADMIN, java.util.Set.of(Scope.ADMIN), Authentication.Method.BOOTSTRAP_TOKEN);
        }
        return verified(credential);
    }

    /**
     * HTTP Basic: the user name must be the e-mail address of the user owning the password, one of their personal
     * access tokens (live: neither revoked nor expired; the user not disabled). Its scopes apply as with the token
     * sent as a bearer token. Every failure has the same message, so that it tells nothing about the e-mail address.
     *
     * @param authorization an {@code Authorization} header of the Basic scheme
     */
    public Authentication authenticateBasic(String authorization) throws AuthenticationException {
        BasicCredentials credentials = BasicCredentials.parse(authorization);
        if (!credentials.password().startsWith(TokenStore.PREFIX)) {
            throw new AuthenticationException(BASIC_MISMATCH);
        }
        Authentication byToken;
        try {
            byToken = verified(credentials.password());
        } catch (AuthenticationException e) {
            throw new AuthenticationException(BASIC_MISMATCH, e);
        }
        String email = byToken.user().email();
        if (email == null || !email.equalsIgnoreCase(credentials.userName().trim())) {
            throw new AuthenticationException(BASIC_MISMATCH);
        }
        return new Authentication(byToken.user(), byToken.scopes(), Authentication.Method.BASIC);
    }

    private Authentication verified(String credential) throws AuthenticationException {
        String key = TokenStore.hash(credential);
        Cached cached = cache.getIfPresent(key);
        if (cached != null && (cached.expiresAt() == null || cached.expiresAt().isAfter(clock.instant()))) {
            return cached.authentication();
        }
        Cached verified = credential.startsWith(TokenStore.PREFIX) ? accessToken(credential) : jwt(credential);
        cache.put(key, verified);
        return verified.authentication();
    }

    /** Forgets every cached credential, e.g. after a token was revoked or a user disabled. */
    public void forgetCached() {
        cache.invalidateAll();
    }

    private Cached accessToken(String credential) throws AuthenticationException {
        AccessToken token = tokens.findLive(credential)
                .orElseThrow(() ->
                        new AuthenticationException("The access token is not valid: unknown, revoked or expired."));
        UserAccount user = activeUser(token.userId());
        users.seen(user.id());
        return new Cached(
                new Authentication(user, token.scopes(), Authentication.Method.ACCESS_TOKEN), token.expiresAt());
    }

    private Cached jwt(String credential) throws AuthenticationException {
        if (jwt == null) {
            throw new AuthenticationException("The bearer token is not valid.");
        }
        JWTClaimsSet claims = jwt.verify(credential);
        UserAccount user;
        try {
            user = users.provision(
                    jwt.issuer(), claims.getSubject(), claims.getStringClaim("email"), claims.getStringClaim("name"));
        } catch (ParseException e) {
            throw new AuthenticationException("The JWT's email or name claim is not a string.", e);
        }
        if (user.disabled()) {
            throw new AuthenticationException("The user is disabled.");
        }
        users.seen(user.id());
        Instant expiry = Optional.ofNullable(claims.getExpirationTime())
                .map(java.util.Date::toInstant)
                .orElse(null);
        return new Cached(new Authentication(user, Scope.allowedFor(user.roles()), Authentication.Method.JWT), expiry);
    }

    private UserAccount activeUser(java.util.UUID id) throws AuthenticationException {
        UserAccount user =
                users.find(id).orElseThrow(() -> new AuthenticationException("The token's user no longer exists."));
        if (user.disabled()) {
            throw new AuthenticationException("The user is disabled.");
        }
        return user;
    }
}
