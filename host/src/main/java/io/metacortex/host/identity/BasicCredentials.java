package io.metacortex.host.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The user name and password of an {@code Authorization: Basic} header (RFC 7617), read as UTF-8: the charset the
 * host's challenge announces.
 */
record BasicCredentials(String userName, String password) {

    private static final String BASIC = "Basic ";

    /** The challenge of a route that accepts HTTP Basic. */
    static final String CHALLENGE = "Basic realm=\"MetaCortex\", charset=\"UTF-8\"";

    /**
     * The request attribute naming why the request's Basic credential failed: set by {@link AuthenticationFilter},
     * which counted and audited the failure, for {@link ApiAccessFilter}, which answers it as its route does.
     */
    static final String FAILED = BasicCredentials.class.getName() + ".failed";

    /**
     * The request attribute {@link ApiAccessFilter} sets when it refused a valid Basic credential on a route that does
     * not accept Basic, for {@link AuthenticationFilter} to count and audit as a failed authentication.
     */
    static final String REFUSED = BasicCredentials.class.getName() + ".refused";

    static boolean isBasic(String authorization) {
        return authorization.regionMatches(true, 0, BASIC, 0, BASIC.length());
    }

    /** @throws AuthenticationException when the header holds no {@code base64(user:password)} */
    static BasicCredentials parse(String authorization) throws AuthenticationException {
        String encoded = authorization.substring(BASIC.length()).trim();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("The Basic credential is not base64.");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new AuthenticationException("The Basic credential must be <e-mail>:<personal access token>.");
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
