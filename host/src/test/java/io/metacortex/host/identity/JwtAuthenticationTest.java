package io.metacortex.host.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.dropwizard.util.Duration;
import io.metacortex.host.config.OidcSettings;
import io.metacortex.host.testing.DatabaseSnapshot;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost.Reply;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JWTs from an OpenID Connect provider: every check that can fail, and provisioning on first sight. */
class JwtAuthenticationTest {

    static final JwksServer IDP = JwksServer.start();

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(config -> {
        OidcSettings oidc = new OidcSettings();
        oidc.setIssuer(JwksServer.ISSUER);
        oidc.setAudience(JwksServer.AUDIENCE);
        oidc.setJwksUrl(IDP.url());
        oidc.setClockSkew(Duration.seconds(5));
        oidc.setJwksMinRefreshInterval(Duration.seconds(0));
        config.getAuth().setOidc(oidc);
        config.getAuth().setFailedAttemptsPerMinute(1000);
    });

    @AfterAll
    static void stopIdp() {
        IDP.close();
    }

    @Test
    void aValidTokenProvisionsTheUserOnFirstSight() {
        String subject = "user-" + UUID.randomUUID();
        String token = IDP.sign(
                claims(subject, c -> c.claim("email", "ada@example.com").claim("name", "Ada")));

        Reply me = call(token);

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("email").asText()).isEqualTo("ada@example.com");
        assertThat(me.json().get("displayName").asText()).isEqualTo("Ada");
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(call(IDP.sign(claims(subject, c -> c))).json().get("id"))
                .isEqualTo(me.json().get("id"));
        assertThat(DatabaseSnapshot.query(
                        RUNNING.database(),
                        "SELECT count(*) FROM metacortex.users" + " WHERE subject = '" + subject + "' AND issuer = '"
                                + JwksServer.ISSUER + "'"))
                .containsExactly("1");
    }

    @Test
    void expiredNotYetValidWrongAudienceOrIssuerAreRefused() {
        Instant now = Instant.now();
        assertRefused(IDP.sign(claims("s1", c -> c.expirationTime(Date.from(now.minusSeconds(60))))), "expired");
        assertRefused(IDP.sign(claims("s2", c -> c.notBeforeTime(Date.from(now.plusSeconds(600))))), "before");
        assertRefused(IDP.sign(claims("s3", c -> c.audience("someone-else"))), "aud");
        assertRefused(IDP.sign(claims("s4", c -> c.issuer("https://evil.test/"))), "iss");
        assertRefused(IDP.sign(claims("s5", c -> c.subject(null))), "sub");
    }

    @Test
    void aForgedSignatureIsRefused() throws JOSEException {
        RSAKey impostor =
                new RSAKeyGenerator(2048).keyID(IDP.currentKey().getKeyID()).generate();

        assertRefused(JwksServer.sign(claims("forger", c -> c), impostor), "signature");
        String tampered = IDP.sign(claims("victim", c -> c));
        String[] parts = tampered.split("\\.");
        String otherPayload = IDP.sign(claims("admin-wannabe", c -> c)).split("\\.")[1];
        assertRefused(parts[0] + "." + otherPayload + "." + parts[2], "signature");
    }

    @Test
    void aKeyRotationIsPickedUpOnTheUnknownKeyId() {
        assertThat(call(IDP.sign(claims("rotating", c -> c))).status()).isEqualTo(200);
        int fetchesBefore = IDP.fetches();

        IDP.rotate("key-" + UUID.randomUUID());

        assertThat(call(IDP.sign(claims("rotating", c -> c))).status()).isEqualTo(200);
        assertThat(IDP.fetches()).isGreaterThan(fetchesBefore);
    }

    private static JWTClaimsSet claims(String subject, UnaryOperator<JWTClaimsSet.Builder> edit) {
        Instant now = Instant.now();
        return edit.apply(new JWTClaimsSet.Builder()
                        .issuer(JwksServer.ISSUER)
                        .audience(JwksServer.AUDIENCE)
                        .subject(subject)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300))))
                .build();
    }

    private static void assertRefused(String token, String reason) {
        Reply reply = call(token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(reply.json().get("detail").asText().toLowerCase())
                .as(reply.body())
                .contains(reason);
    }

    private static Reply call(String token) {
        return RUNNING.host()
                .send(HttpRequest.newBuilder(RUNNING.host().uri("/api/me"))
                        .header("Authorization", "Bearer " + token)
                        .GET());
    }
}
