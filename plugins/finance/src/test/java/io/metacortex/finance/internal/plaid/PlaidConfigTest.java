package io.metacortex.finance.internal.plaid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaidConfigTest {

    @Test
    void environmentsMapToPlaidsHosts() {
        assertThat(PlaidConfig.from(settings("sandbox")).orElseThrow().baseUri())
                .isEqualTo(URI.create("https://sandbox.plaid.com"));
        assertThat(PlaidConfig.from(settings("Development")).orElseThrow().baseUri())
                .isEqualTo(URI.create("https://development.plaid.com"));
        assertThat(PlaidConfig.from(settings("production")).orElseThrow().endpoint("/accounts/get"))
                .isEqualTo(URI.create("https://production.plaid.com/accounts/get"));
        assertThat(PlaidConfig.from(Map.of("plaid.clientId", "c", "plaid.secret", "s"))
                        .orElseThrow()
                        .baseUri())
                .isEqualTo(URI.create("https://sandbox.plaid.com"));
    }

    @Test
    void theBaseUrlOverrideReplacesTheEnvironmentsUrl() {
        PlaidConfig config = PlaidConfig.from(
                        Map.of("plaid.clientId", "c", "plaid.secret", "s", "plaid.baseUrl", "http://127.0.0.1:8089/"))
                .orElseThrow();

        assertThat(config.endpoint("/item/remove")).isEqualTo(URI.create("http://127.0.0.1:8089/item/remove"));
    }

    @Test
    void withoutClientIdOrSecretPlaidIsOff() {
        assertThat(PlaidConfig.from(Map.of())).isEmpty();
        assertThat(PlaidConfig.from(Map.of("plaid.clientId", "c", "plaid.secret", " ")))
                .isEmpty();
    }

    @Test
    void refusesAnUnknownEnvironmentOrARelativeUrl() {
        assertThatThrownBy(() -> PlaidConfig.from(settings("staging")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plaid.environment must be one of development, production, sandbox");
        assertThatThrownBy(() -> PlaidConfig.from(
                        Map.of("plaid.clientId", "c", "plaid.secret", "s", "plaid.webhookUrl", "/hook")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plaid.webhookUrl must be an absolute");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(PlaidConfig.from(settings("sandbox")).orElseThrow().toString())
                .doesNotContain("very-secret")
                .contains("secret=(hidden)");
    }

    private static Map<String, String> settings(String environment) {
        return Map.of("plaid.environment", environment, "plaid.clientId", "client", "plaid.secret", "very-secret");
    }
}
