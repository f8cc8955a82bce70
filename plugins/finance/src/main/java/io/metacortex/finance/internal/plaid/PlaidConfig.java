package io.metacortex.finance.internal.plaid;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Plaid settings of the host configuration ({@code plugins.settings.finance}): {@code plaid.environment}
 * ({@code sandbox}, {@code development} or {@code production}), {@code plaid.clientId}, {@code plaid.secret},
 * optionally {@code plaid.webhookUrl} (the public URL of {@code POST /api/finance/plaid/webhook} that Plaid calls) and
 * {@code plaid.baseUrl} (replaces the environment's URL; for tests against a fake). {@link #toString()} never shows
 * the secret.
 *
 * @param baseUri where Plaid's API is
 * @param clientId the client id
 * @param secret the environment's secret
 * @param webhookUrl the webhook URL handed to {@code /link/token/create}, or null
 */
public record PlaidConfig(URI baseUri, String clientId, String secret, String webhookUrl) {

    static final String ENVIRONMENT = "plaid.environment";
    static final String CLIENT_ID = "plaid.clientId";
    static final String SECRET = "plaid.secret";
    static final String WEBHOOK_URL = "plaid.webhookUrl";
    static final String BASE_URL = "plaid.baseUrl";

    private static final Map<String, String> ENVIRONMENTS = Map.of(
            "sandbox", "https://sandbox.plaid.com",
            "development", "https://development.plaid.com",
            "production", "https://production.plaid.com");

    /**
     * @return the settings, or empty when no client id or secret is configured (Plaid is then off: its routes answer
     *     503)
     * @throws IllegalArgumentException when the environment is not one of Plaid's, or a URL is not absolute
     */
    public static Optional<PlaidConfig> from(Map<String, String> settings) {
        String clientId = blankToNull(settings.get(CLIENT_ID));
        String secret = blankToNull(settings.get(SECRET));
        if (clientId == null || secret == null) {
            return Optional.empty();
        }
        String environment = Optional.ofNullable(blankToNull(settings.get(ENVIRONMENT)))
                .orElse("sandbox")
                .toLowerCase(Locale.ROOT);
        String base = ENVIRONMENTS.get(environment);
        if (base == null) {
            throw new IllegalArgumentException("plugins.settings.finance." + ENVIRONMENT + " must be one of "
                    + String.join(", ", ENVIRONMENTS.keySet().stream().sorted().toList()) + ", not '" + environment
                    + "'.");
        }
        String override = blankToNull(settings.get(BASE_URL));
        URI baseUri = absolute(override == null ? base : override, BASE_URL);
        String webhookUrl = blankToNull(settings.get(WEBHOOK_URL));
        if (webhookUrl != null) {
            absolute(webhookUrl, WEBHOOK_URL);
        }
        return Optional.of(new PlaidConfig(baseUri, clientId, secret, webhookUrl));
    }

    /** @return the URI of an endpoint, e.g. {@code /transactions/sync} */
    URI endpoint(String path) {
        String base = baseUri.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    @Override
    public String toString() {
        return "PlaidConfig[baseUri=" + baseUri + ", clientId=" + clientId + ", secret=(hidden), webhookUrl="
                + webhookUrl + "]";
    }

    private static URI absolute(String value, String name) {
        try {
            URI uri = URI.create(value);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException("not absolute");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "plugins.settings.finance." + name + " must be an absolute http(s) URL, not '" + value + "'.", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
