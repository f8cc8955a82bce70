package io.metacortex.host.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A stand-in identity provider on loopback: publishes a JWKS and signs JWTs with its current key. */
final class JwksServer implements AutoCloseable {

    static final String ISSUER = "https://idp.test/";
    static final String AUDIENCE = "metacortex";

    private final HttpServer server;
    private final AtomicReference<RSAKey> key = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();

    private JwksServer() {
        rotate("key-1");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(key.get().toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static JwksServer start() {
        return new JwksServer();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    int fetches() {
        return fetches.get();
    }

    /** Replaces the published key: tokens signed with the old one no longer verify. */
    void rotate(String keyId) {
        try {
            key.set(new RSAKeyGenerator(2048).keyID(keyId).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String sign(JWTClaimsSet claims) {
        return sign(claims, key.get());
    }

    static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(with.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    RSAKey currentKey() {
        return key.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
