package io.metacortex.host;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.metacortex.host.config.AdminSettings;
import io.metacortex.host.config.AuthSettings;
import io.metacortex.host.config.DatabaseSettings;
import io.metacortex.host.config.EventSettings;
import io.metacortex.host.config.HttpSettings;
import io.metacortex.host.config.JobSettings;
import io.metacortex.host.config.PluginSettings;
import io.metacortex.host.config.SecretsSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/** The host's configuration: Dropwizard's server and logging sections plus MetaCortex's own. */
public class MetaCortexConfiguration extends Configuration {

    @NotNull
    private Path dataDirectory = Path.of("data");

    @Valid
    @NotNull
    private DatabaseSettings database = new DatabaseSettings();

    @Valid
    @NotNull
    private PluginSettings plugins = new PluginSettings();

    @Valid
    @NotNull
    private AdminSettings admin = new AdminSettings();

    @Valid
    @NotNull
    private AuthSettings auth = new AuthSettings();

    @Valid
    @NotNull
    private HttpSettings http = new HttpSettings();

    @Valid
    @NotNull
    private SecretsSettings secrets = new SecretsSettings();

    @Valid
    @NotNull
    private JobSettings jobs = new JobSettings();

    @Valid
    @NotNull
    private EventSettings events = new EventSettings();

    /** Where the instance keeps its state: the embedded database, the Felix cache, the admin token. */
    @JsonProperty
    public Path getDataDirectory() {
        return dataDirectory;
    }

    @JsonProperty
    public void setDataDirectory(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @JsonProperty
    public DatabaseSettings getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DatabaseSettings database) {
        this.database = database;
    }

    @JsonProperty
    public PluginSettings getPlugins() {
        return plugins;
    }

    @JsonProperty
    public void setPlugins(PluginSettings plugins) {
        this.plugins = plugins;
    }

    @JsonProperty
    public AdminSettings getAdmin() {
        return admin;
    }

    @JsonProperty
    public void setAdmin(AdminSettings admin) {
        this.admin = admin;
    }

    @JsonProperty
    public AuthSettings getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthSettings auth) {
        this.auth = auth;
    }

    @JsonProperty
    public HttpSettings getHttp() {
        return http;
    }

    @JsonProperty
    public void setHttp(HttpSettings http) {
        this.http = http;
    }

    @JsonProperty
    public SecretsSettings getSecrets() {
        return secrets;
    }

    @JsonProperty
    public void setSecrets(SecretsSettings secrets) {
        this.secrets = secrets;
    }

    @JsonProperty
    public JobSettings getJobs() {
        return jobs;
    }

    @JsonProperty
    public void setJobs(JobSettings jobs) {
        this.jobs = jobs;
    }

    @JsonProperty
    public EventSettings getEvents() {
        return events;
    }

    @JsonProperty
    public void setEvents(EventSettings events) {
        this.events = events;
    }
}
