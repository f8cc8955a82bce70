package io.metacortex.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.metacortex.host.MetaCortexConfiguration;
import io.metacortex.outbound.OutboundPolicy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code http.outbound} section as an admin writes it in YAML, and the policy each plugin gets from it. */
class OutboundSettingsTest {

    @Test
    void withNothingConfiguredEveryPluginGetsTheDefaults() throws Exception {
        OutboundPolicy policy = parse("{}").getHttp().getOutbound().policyFor("bank");

        assertThat(policy.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.maxReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.attempts()).isEqualTo(3);
        assertThat(policy.maxAttempts()).isEqualTo(5);
        assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.maxConcurrentCalls()).isEqualTo(16);
        assertThat(policy.concurrencyWait()).isEqualTo(Duration.ZERO);
        assertThat(policy.breaker()).isEqualTo(new OutboundPolicy.Breaker(50, 20, 10, Duration.ofSeconds(30), 3));
        assertThat(policy).as("the test kit's default").isEqualTo(OutboundPolicy.defaults());
    }

    @Test
    void aPluginsOverridesReplaceOnlyWhatTheyName() throws Exception {
        OutboundSettings outbound = parse("""
                        http:
                          outbound:
                            readTimeout: 2s
                            attempts: 2
                            maxAttempts: 4
                            circuitBreaker: {failureRateThreshold: 25, windowSize: 8, minimumCalls: 4, openDuration: 1m, trialCalls: 1}
                            plugins:
                              bank-sync: {readTimeout: 30s, attempts: 9, maxConcurrentCalls: 2, connectTimeout: 1s}
                        """).getHttp().getOutbound();

        OutboundPolicy bank = outbound.policyFor("bank-sync");
        assertThat(bank.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bank.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(bank.maxConcurrentCalls()).isEqualTo(2);
        assertThat(bank.attempts()).as("no more than maxAttempts").isEqualTo(4);
        assertThat(bank.breaker()).isEqualTo(new OutboundPolicy.Breaker(25, 8, 4, Duration.ofMinutes(1), 1));
        OutboundPolicy other = outbound.policyFor("calendar");
        assertThat(other.readTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(other.attempts()).isEqualTo(2);
        assertThat(other.maxConcurrentCalls()).isEqualTo(16);
    }

    @Test
    void valuesOutOfRangeAreRefusedByName() {
        assertThatThrownBy(() -> parse("""
                        http:
                          outbound:
                            attempts: 0
                            readTimeout: 0s
                            circuitBreaker: {failureRateThreshold: 150}
                            plugins:
                              bank: {maxConcurrentCalls: 0, connectTimeout: 0ms}
                        """))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("http.outbound.attempts must be greater than or equal to 1")
                .hasMessageContaining(
                        "http.outbound.circuitBreaker.failureRateThreshold must be less than or equal to 100")
                .hasMessageContaining("http.outbound.readTimeout must be greater than or equal to 1 MILLISECONDS")
                .hasMessageContaining("maxConcurrentCalls must be greater than or equal to 1")
                .hasMessageContaining("connectTimeout must be greater than or equal to 1 MILLISECONDS");
    }

    private static MetaCortexConfiguration parse(String yaml) throws Exception {
        ObjectMapper mapper = Jackson.newObjectMapper();
        YamlConfigurationFactory<MetaCortexConfiguration> factory =
                new YamlConfigurationFactory<>(MetaCortexConfiguration.class, Validators.newValidator(), mapper, "dw");
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "metacortex.yml");
    }
}
