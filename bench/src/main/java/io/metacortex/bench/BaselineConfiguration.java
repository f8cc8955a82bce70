package io.metacortex.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The baseline's configuration: Dropwizard's own sections, the connection pool to the bench database and the one
 * user it authenticates.
 */
public final class BaselineConfiguration extends Configuration {

    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    private BaselineAuthentication authentication = new BaselineAuthentication();

    @JsonProperty
    public BaselineAuthentication getAuthentication() {
        return authentication;
    }

    @JsonProperty
    public void setAuthentication(BaselineAuthentication authentication) {
        this.authentication = authentication;
    }

    @JsonProperty
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }
}
