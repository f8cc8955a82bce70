package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.metacortex.plugin.support.json.PluginJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Limits on what callers of {@code /api} may send, which browser origins may call at all, and how plugins' own
 * calls out ({@code outbound}) are guarded.
 */
public class HttpSettings {

    @NotNull
    private DataSize maxRequestBodySize = DataSize.megabytes(1);

    @Min(4)
    @Max(1000)
    private int maxJsonNestingDepth = PluginJson.DEFAULT_MAX_NESTING_DEPTH;

    @NotNull
    private List<String> corsAllowedOrigins = List.of();

    @Valid
    @NotNull
    private OutboundSettings outbound = new OutboundSettings();

    /** The largest request body {@code /api} accepts (plugin uploads to /admin have plugins.maxUploadSize). */
    @JsonProperty
    public DataSize getMaxRequestBodySize() {
        return maxRequestBodySize;
    }

    @JsonProperty
    public void setMaxRequestBodySize(DataSize maxRequestBodySize) {
        this.maxRequestBodySize = maxRequestBodySize;
    }

    /** How deeply a JSON request body may nest objects and arrays. */
    @JsonProperty
    public int getMaxJsonNestingDepth() {
        return maxJsonNestingDepth;
    }

    @JsonProperty
    public void setMaxJsonNestingDepth(int maxJsonNestingDepth) {
        this.maxJsonNestingDepth = maxJsonNestingDepth;
    }

    /** Browser origins allowed to call the API (the frontend), e.g. https://app.example.com; empty: none. */
    @JsonProperty
    public List<String> getCorsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    @JsonProperty
    public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
        this.corsAllowedOrigins = corsAllowedOrigins;
    }

    /** Plugins' outbound HTTP: timeouts, retries, circuit breakers, concurrency limits. */
    @JsonProperty
    public OutboundSettings getOutbound() {
        return outbound;
    }

    @JsonProperty
    public void setOutbound(OutboundSettings outbound) {
        this.outbound = outbound;
    }
}
