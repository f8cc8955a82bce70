package io.metacortex.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plugin handling: the deploy folder, upload limits, signature policy and per-plugin settings. */
public class PluginSettings {

    @NotNull
    private Path deployDirectory = Path.of("plugins");

    @NotNull
    private Duration scanInterval = Duration.seconds(2);

    @NotNull
    private DataSize maxUploadSize = DataSize.megabytes(50);

    @NotNull
    private Duration drainTimeout = Duration.seconds(30);

    @NotNull
    private Duration startTimeout = Duration.seconds(30);

    @NotNull
    private Duration stopTimeout = Duration.seconds(30);

    @NotNull
    private Duration migrationTimeout = Duration.minutes(5);

    @Min(1)
    private Integer maxConcurrentRequests;

    @NotNull
    private Map<String, Map<String, String>> settings = Map.of();

    @Min(1)
    @Max(64)
    private int threadsPerPlugin = 4;

    @NotNull
    private Map<String, List<String>> acceptedPermissions = Map.of();

    @NotNull
    private List<String> trustedCode = List.of();

    private boolean requireSigned;

    private boolean requirePreview;

    @NotNull
    private Duration previewValidity = Duration.hours(1);

    private Path truststore;

    private String truststorePassword;

    /** A jar dropped here is installed or upgraded; removing it uninstalls the plugin it installed. */
    @JsonProperty
    public Path getDeployDirectory() {
        return deployDirectory;
    }

    @JsonProperty
    public void setDeployDirectory(Path deployDirectory) {
        this.deployDirectory = deployDirectory;
    }

    /** How often the deploy folder is scanned; 0 turns scanning off. */
    @JsonProperty
    public Duration getScanInterval() {
        return scanInterval;
    }

    @JsonProperty
    public void setScanInterval(Duration scanInterval) {
        this.scanInterval = scanInterval;
    }

    @JsonProperty
    public DataSize getMaxUploadSize() {
        return maxUploadSize;
    }

    @JsonProperty
    public void setMaxUploadSize(DataSize maxUploadSize) {
        this.maxUploadSize = maxUploadSize;
    }

    /** How long a replaced version may take to finish its requests in flight before it is stopped anyway. */
    @JsonProperty
    public Duration getDrainTimeout() {
        return drainTimeout;
    }

    @JsonProperty
    public void setDrainTimeout(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
    }

    /** How long a plugin's start may take; past it the operation is refused and the version unloaded. */
    @JsonProperty
    public Duration getStartTimeout() {
        return startTimeout;
    }

    @JsonProperty
    public void setStartTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    /** How long a plugin's stop may take; past it the version is unloaded anyway. */
    @JsonProperty
    public Duration getStopTimeout() {
        return stopTimeout;
    }

    @JsonProperty
    public void setStopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    /** How long the migrations of one install, upgrade or start may take; past it they are cancelled. */
    @JsonProperty
    public Duration getMigrationTimeout() {
        return migrationTimeout;
    }

    @JsonProperty
    public void setMigrationTimeout(Duration migrationTimeout) {
        this.migrationTimeout = migrationTimeout;
    }

    /**
     * How many requests each plugin may serve at once; beyond it a request is answered 503. Null (the default): a
     * quarter of the server's request threads.
     */
    @JsonProperty
    public Integer getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    @JsonProperty
    public void setMaxConcurrentRequests(Integer maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    /** The threads of each plugin version's {@code PluginContext.executor()}, 1 to 64. */
    @JsonProperty
    public int getThreadsPerPlugin() {
        return threadsPerPlugin;
    }

    @JsonProperty
    public void setThreadsPerPlugin(int threadsPerPlugin) {
        this.threadsPerPlugin = threadsPerPlugin;
    }

    /** Settings handed to each plugin through {@code PluginContext.configuration()}, by plugin id. */
    @JsonProperty
    public Map<String, Map<String, String>> getSettings() {
        return settings;
    }

    @JsonProperty
    public void setSettings(Map<String, Map<String, String>> settings) {
        this.settings = settings;
    }

    /**
     * The permissions accepted for plugins installed or upgraded from the deploy folder, by plugin id, as the
     * admin API labels them: {@code users:read}, {@code http:outbound(api.example.com)}.
     */
    @JsonProperty
    public Map<String, List<String>> getAcceptedPermissions() {
        return acceptedPermissions;
    }

    @JsonProperty
    public void setAcceptedPermissions(Map<String, List<String>> acceptedPermissions) {
        this.acceptedPermissions = acceptedPermissions;
    }

    /**
     * Ids of plugins whose code the host does not check for forbidden calls at install (see the README's Security
     * section); their database role, deadlines and limits still apply. Empty by default.
     */
    @JsonProperty
    public List<String> getTrustedCode() {
        return trustedCode;
    }

    @JsonProperty
    public void setTrustedCode(List<String> trustedCode) {
        this.trustedCode = trustedCode;
    }

    /**
     * When true, installs and upgrades through the admin API need {@code ?preview=<id>} of a preview of the same jar,
     * permissions and installed version.
     */
    @JsonProperty
    public boolean isRequirePreview() {
        return requirePreview;
    }

    @JsonProperty
    public void setRequirePreview(boolean requirePreview) {
        this.requirePreview = requirePreview;
    }

    /** How long a preview's id may be used for its install or upgrade. */
    @JsonProperty
    public Duration getPreviewValidity() {
        return previewValidity;
    }

    @JsonProperty
    public void setPreviewValidity(Duration previewValidity) {
        this.previewValidity = previewValidity;
    }

    /** When true, every plugin jar must be signed by a publisher whose certificate is in the truststore. */
    @JsonProperty
    public boolean isRequireSigned() {
        return requireSigned;
    }

    @JsonProperty
    public void setRequireSigned(boolean requireSigned) {
        this.requireSigned = requireSigned;
    }

    /** A PKCS12 keystore of trusted publisher (or CA) certificates; required when {@code requireSigned}. */
    @JsonProperty
    public Path getTruststore() {
        return truststore;
    }

    @JsonProperty
    public void setTruststore(Path truststore) {
        this.truststore = truststore;
    }

    @JsonProperty
    public String getTruststorePassword() {
        return truststorePassword;
    }

    @JsonProperty
    public void setTruststorePassword(String truststorePassword) {
        this.truststorePassword = truststorePassword;
    }

    /** @return the truststore password: {@code METACORTEX_TRUSTSTORE_PASSWORD} when set, else the configured one */
    public Optional<String> truststorePassword(Map<String, String> env) {
        String fromEnv = env.get("METACORTEX_TRUSTSTORE_PASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        return Optional.ofNullable(truststorePassword);
    }
}
