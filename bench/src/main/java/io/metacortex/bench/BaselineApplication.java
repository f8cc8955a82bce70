package io.metacortex.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import io.metacortex.tasks.internal.TaskResource;
import io.metacortex.tasks.internal.TaskService;
import org.jdbi.v3.core.Jdbi;

/**
 * The bench's baseline: a plain Dropwizard application, no Felix, serving the tasks plugin's own resource, service
 * and DAO classes under {@code /api/tasks} from the schema {@code plugin_tasks}, so that a comparison with the
 * MetaCortex host measures the host and nothing else.
 */
public final class BaselineApplication extends Application<BaselineConfiguration> {

    public static void main(String[] args) throws Exception {
        new BaselineApplication().run(args);
    }

    @Override
    public String getName() {
        return "metacortex-bench-baseline";
    }

    @Override
    public void initialize(Bootstrap<BaselineConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        // The JSON the host gives plugins: ISO-8601 dates, unknown properties ignored.
        bootstrap
                .getObjectMapper()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public void run(BaselineConfiguration config, Environment environment) {
        ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "baseline-db");
        environment.lifecycle().manage(dataSource);
        TasksSchema.migrate(dataSource);
        Jdbi jdbi = TasksSchema.jdbi(dataSource);

        // The host authenticates every /api request and injects the caller as @Context User: so does the baseline.
        BaselineAuthentication auth = config.getAuthentication();
        environment.jersey().register(new StaticTokenFilter(auth.getToken(), BenchUser.withId(auth.getUserId())));
        environment.jersey().register(new BaselineUserBinder());
        environment.jersey().register(new TaskResource(new TaskService(jdbi)));
        environment.jersey().register(new PublicResource());
        environment.jersey().register(new ApiExceptionMapper());
        environment.healthChecks().register("database", new DatabaseHealthCheck(jdbi, "tasks"));
    }
}
