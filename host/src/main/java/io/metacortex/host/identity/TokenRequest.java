package io.metacortex.host.identity;

import java.time.Instant;
import java.util.List;

/** The body of a token creation: a name, an optional expiry and optional scopes (default: all the user may have). */
public record TokenRequest(String name, Instant expiresAt, List<String> scopes) {
}
