package io.metacortex.host.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.metacortex.host.config.OidcSettings;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Set;

/**
 * Verifies JWTs from the configured OpenID Connect provider: signature against the provider's published keys
 * (cached, and fetched again when a token names a key id not in the cache), expiry, not-before, issuer and
 * audience.
 */
public final class JwtVerifier {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.EdDSA);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String issuer;

    public JwtVerifier(OidcSettings settings) {
        this.issuer = settings.getIssuer();
        JWKSource<SecurityContext> keys;
        try {
            JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(
                            URI.create(settings.getJwksUrl()).toURL())
                    .cache(settings.getJwksCacheTtl().toMilliseconds(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                    .refreshAheadCache(false)
                    .retrying(false);
            long minInterval = settings.getJwksMinRefreshInterval().toMilliseconds();
            keys = (minInterval > 0 ? builder.rateLimited(minInterval) : builder.rateLimited(false)).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("auth.oidc.jwksUrl is not a URL: " + settings.getJwksUrl(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.getAudience(),
                new JWTClaimsSet.Builder().issuer(settings.getIssuer()).build(),
                Set.of("sub", "exp"));
        claims.setMaxClockSkew((int) settings.getClockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    public String issuer() {
        return issuer;
    }

    /** @return the token's claims once it is verified */
    public JWTClaimsSet verify(String token) throws AuthenticationException {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw new AuthenticationException("The bearer token is not a well-formed JWT.", e);
        } catch (BadJOSEException e) {
            throw new AuthenticationException("The JWT was rejected: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new AuthenticationException("The JWT could not be verified: " + e.getMessage(), e);
        }
    }
}
